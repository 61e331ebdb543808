// What pipe operations do (see pipe.h).
#include "model/objects/pipe.h"

#include "model/machine.h"

#include <algorithm>
#include <cerrno>
#include <cstdint>

namespace tangle {

uint32_t PipeState::openReaders() const {
  uint32_t n = 0;
  for (uint16_t r : readers)
    n += r;
  return n;
}

uint32_t PipeState::openWriters() const {
  uint32_t n = 0;
  for (uint16_t w : writers)
    n += w;
  return n;
}

bool isPipeOp(OpKind kind) {
  return kind >= OpKind::PipeCreate && kind <= OpKind::PipeDup;
}

bool pipeEnabled(const PipeState &p, const Operation &op) {
  if (p.external)
    return true;
  switch (op.kind) {
  case OpKind::PipeRead:
    return p.bytes > 0 || p.openWriters() == 0 || op.arg == 0;
  case OpKind::PipeWrite:
    // A write larger than the pipe goes in pieces: it starts once empty.
    return p.openReaders() == 0 || p.bytes + op.arg <= PipeCapacity ||
           (op.arg > PipeCapacity && p.bytes == 0);
  default:
    return true;
  }
}

Outcome pipeStep(PipeState &p, ProcessId self, const Operation &op) {
  const Access access{AccessKind::Mutate, p.addr};
  ProcessId slot = std::min(self, MaxPipeProcesses - 1);
  uint16_t *ends = op.arg == PipeReadEnd ? p.readers : p.writers;
  switch (op.kind) {
  case OpKind::PipeCreate:
    p.bytes = 0;
    std::fill(std::begin(p.readers), std::end(p.readers), 0);
    std::fill(std::begin(p.writers), std::end(p.writers), 0);
    p.readers[slot] = 1;
    p.writers[slot] = 1;
    return {0, Effect::Created, access};
  case OpKind::PipeRead: {
    if (p.external)
      return {int32_t(std::min<uint64_t>(op.arg, INT32_MAX)), Effect::Received,
              access};
    uint32_t n = uint32_t(std::min<uint64_t>(op.arg, p.bytes));
    p.bytes -= n;
    return {int32_t(n), n ? Effect::Received : Effect::EndOfFile, access};
  }
  case OpKind::PipeWrite: {
    if (p.external)
      return {int32_t(std::min<uint64_t>(op.arg, INT32_MAX)), Effect::Sent,
              access};
    if (p.openReaders() == 0)
      return {-EPIPE, Effect::BrokenPipe, access};
    uint32_t n = uint32_t(std::min<uint64_t>(op.arg, PipeCapacity));
    p.bytes += n;
    return {int32_t(n), Effect::Sent, access};
  }
  case OpKind::PipeClose:
    if (ends[slot])
      --ends[slot];
    return {0, Effect::Closed, access};
  case OpKind::PipeDup:
    ++ends[slot];
    return {0, Effect::None, access};
  default:
    return {};
  }
}

void pipeFork(PipeState &p, ProcessId parent, ProcessId child) {
  if (parent >= MaxPipeProcesses || child >= MaxPipeProcesses)
    return;
  p.readers[child] = p.readers[parent];
  p.writers[child] = p.writers[parent];
}

void pipeProcessExit(PipeState &p, ProcessId process) {
  if (process >= MaxPipeProcesses)
    return;
  p.readers[process] = 0;
  p.writers[process] = 0;
}

void pipeProcessExec(PipeState &p, ProcessId process) {
  if (process < MaxPipeProcesses && (p.readers[process] || p.writers[process]))
    p.external = true;
}

std::string pipeCanonical(const PipeState &p) {
  std::string text = std::to_string(p.bytes) + " bytes, ends";
  for (ProcessId q = 0; q < MaxPipeProcesses; ++q)
    if (p.readers[q] || p.writers[q])
      text += " " + std::to_string(q) + ":" + std::to_string(p.readers[q]) +
              "r" + std::to_string(p.writers[q]) + "w";
  return text;
}

} // namespace tangle
