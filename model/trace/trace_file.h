// The trace file (docs/trace-format.md): the executions tangle reports, in a
// versioned binary format that later features (predict, explain) read.
#pragma once

#include "model/explore/program.h"

#include <cstdio>
#include <string>
#include <vector>

namespace tangle {

constexpr uint32_t TraceFormatVersion = 1;

struct TraceModule {
  std::string path;
  uint64_t loadBias = 0;
};

struct TraceExecution {
  std::string label; // e.g. the finding id it illustrates
  std::vector<ThreadId> schedule;
  Execution execution;
};

struct Trace {
  std::string program;
  std::vector<TraceModule> modules;
  std::vector<TraceExecution> executions;
};

/// Returns "" on success, else a one-line error.
std::string writeTrace(const std::string &path, const Trace &trace);
std::string readTrace(const std::string &path, Trace &trace);
/// The same from an open file (from its position to its end), called
/// `name` in errors; for fuzzing it reads memory through fmemopen.
std::string readTrace(FILE *file, const std::string &name, Trace &trace);

} // namespace tangle
