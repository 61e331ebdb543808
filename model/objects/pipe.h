// Pipes: bytes in flight and which processes hold which ends open. A read
// blocks while the pipe is empty and some write end is open anywhere (even
// in the reader's own process); it returns 0 once every write end is
// closed. A write blocks while the pipe is full, and fails with EPIPE once
// every read end is closed. The bytes themselves go through the real pipe.
#pragma once

#include "model/event.h"

#include <cstdint>
#include <string>

namespace tangle {

struct Outcome;

constexpr uint64_t PipeReadEnd = 0, PipeWriteEnd = 1;
/// Linux's default pipe capacity.
constexpr uint32_t PipeCapacity = 65536;
/// Processes whose ends a pipe tracks: every process number.
constexpr ProcessId MaxPipeProcesses = MaxProcesses;

struct PipeState {
  ObjectAddr addr = 0;
  uint32_t bytes = 0;
  // Open descriptors of each end, per process.
  uint16_t readers[MaxPipeProcesses] = {};
  uint16_t writers[MaxPipeProcesses] = {};
  /// A process that holds an end exec'd another program: what goes through
  /// the pipe is no longer known, so its reads and writes are left to the
  /// kernel (always enabled).
  bool external = false;

  uint32_t openReaders() const;
  uint32_t openWriters() const;
};

bool isPipeOp(OpKind kind);
bool pipeEnabled(const PipeState &p, const Operation &op);
Outcome pipeStep(PipeState &p, ProcessId self, const Operation &op);
/// A fork copies the parent's descriptors; an exit closes all of them.
void pipeFork(PipeState &p, ProcessId parent, ProcessId child);
void pipeProcessExit(PipeState &p, ProcessId process);
void pipeProcessExec(PipeState &p, ProcessId process);
std::string pipeCanonical(const PipeState &p);

} // namespace tangle
