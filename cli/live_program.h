// A live program: the real binary, started once under the runtime
// (libtangle_rt.so, controlled mode) as a fork server; each execution is a
// fresh fork that follows the requested schedule.
#pragma once

#include "model/blind_sites.h"
#include "model/explore/program.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace tangle {

/// A module (executable or shared library) loaded in the program, for
/// symbolisation: runtime address = loadBias + address in the file.
struct LoadedModule {
  std::string path;
  uint64_t loadBias = 0;
  uint64_t begin = 0, end = 0; // mapped address range
};

struct LaunchOptions {
  std::string runtimeLibrary;    // path of libtangle_rt.so
  std::vector<std::string> argv; // argv[0] is the program
  std::string stdinData;         // the same input for every execution
  bool showOutput = false;       // pass the program's stdout/stderr through
  uint64_t memoryLimitBytes = 4ull << 30; // RLIMIT_AS per execution
  uint64_t cpuLimitSeconds = 60;          // RLIMIT_CPU per execution
  uint32_t maxProcesses = 64;             // forks per execution
  uint32_t maxThreads = 512;              // threads per execution
  uint64_t maxSteps = 100000;             // sizes the event buffer
  /// Memory accesses logged per execution for the race check (64 bytes
  /// each; the region is sparse, so only what is used costs memory).
  uint64_t maxAccesses = 1 << 20;
  /// Pin tangle (and so the program, which inherits it) to one CPU: a
  /// futex hand-off within one CPU costs ~3 us, across CPUs ~40 us.
  bool pinCpu = true;
  int cpu = -1; // which CPU; -1: the one tangle is running on at launch
  double startTimeoutSeconds = 10; // until the fork server reaches main
  /// Blind atomic updates (model/blind_sites.h), as file addresses in the
  /// executable: call sites whose result is discarded, and the library
  /// functions between them and the update. Empty: no update is blind.
  std::vector<CodeRange> blindSites, blindWrappers;
};

class LiveProgram : public Program {
public:
  /// Starts the program and waits until its fork server is ready.
  /// Returns nullptr and sets `error` (one line) when it cannot.
  static std::unique_ptr<LiveProgram> launch(const LaunchOptions &options,
                                             std::string &error);
  ~LiveProgram() override;

  Execution run(const ExecutionRequest &request) override;

  const std::vector<LoadedModule> &modules() const;

  struct Impl;

private:
  explicit LiveProgram(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

} // namespace tangle
