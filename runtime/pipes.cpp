// Pipes under control: the Machine decides when a read or a write may
// proceed (objects/pipe.h); the bytes go through the real pipe afterwards.
// Each process knows which of its descriptors are pipe ends; the table is
// private memory, so a fork copies it as the kernel copies descriptors.
// read/write/close/dup* are intercepted once, in intercept_file.cpp, which
// calls the hooks below for pipe ends.
#include "runtime/pipes.h"

#include "model/objects/pipe.h"

#include "runtime/controller.h"
#include "runtime/real_functions.h"
#include "runtime/record.h"
#include "runtime/runtime_state.h"
#include "runtime/shared_memory.h"
#include "runtime/stack.h"

#include <cerrno>
#include <fcntl.h>
#include <unistd.h>

using namespace tangle;
using namespace tangle::rt;

#define TANGLE_INTERCEPTOR extern "C" __attribute__((visibility("default")))

namespace {

struct PipeEnd {
  ObjectAddr pipe; // 0: not a pipe end under control
  uint64_t end;    // PipeReadEnd or PipeWriteEnd
};
constexpr int MaxFds = 1024;
PipeEnd g_fds[MaxFds];

PipeEnd *endOf(int fd) {
  if (fd < 0 || fd >= MaxFds || !g_fds[fd].pipe)
    return nullptr;
  return &g_fds[fd];
}

Operation pipeOp(OpKind kind, ObjectAddr pipe, uint64_t arg) {
  Operation op;
  op.kind = kind;
  op.object = pipe;
  op.arg = arg;
  return op;
}

int makePipe(int fds[2], int flags, const Stack &stack) {
  int rc = REAL(pipe2)(fds, flags);
  // Non-blocking ends answer EAGAIN instead of blocking: left to the kernel.
  if (rc != 0 || !controlled() || (flags & O_NONBLOCK) || fds[0] >= MaxFds ||
      fds[1] >= MaxFds)
    return rc;
  // Named after the array that receives the descriptors; numbered, as one
  // array may receive many pipes.
  ObjectAddr key = objectKey(reinterpret_cast<uintptr_t>(fds)) |
                   (uint64_t(nextPipeSequence() & 0x7f) << PipeTagShift);
  visible(pipeOp(OpKind::PipeCreate, key, 0), stack);
  g_fds[fds[0]] = {key, PipeReadEnd};
  g_fds[fds[1]] = {key, PipeWriteEnd};
  return 0;
}

// The descriptor stops naming its pipe end (close, or dup2 over it).
void closeEnd(int fd, const Stack &stack) {
  PipeEnd end = g_fds[fd];
  g_fds[fd] = {};
  visible(pipeOp(OpKind::PipeClose, end.pipe, end.end), stack);
}

} // namespace

TANGLE_INTERCEPTOR int pipe(int fds[2]) {
  TANGLE_NOTE_UNWATCHED(Pipes);
  Stack stack;
  TANGLE_CALLER_STACK(stack);
  return makePipe(fds, 0, stack);
}

TANGLE_INTERCEPTOR int pipe2(int fds[2], int flags) {
  TANGLE_NOTE_UNWATCHED(Pipes);
  Stack stack;
  TANGLE_CALLER_STACK(stack);
  return makePipe(fds, flags, stack);
}

namespace tangle::rt {

void pipeBeforeRead(int fd, size_t count, const Stack &stack) {
  PipeEnd *end = endOf(fd);
  if (end && end->end == PipeReadEnd)
    visible(pipeOp(OpKind::PipeRead, end->pipe, count), stack);
}

void pipeBeforeWrite(int fd, size_t count, const Stack &stack) {
  PipeEnd *end = endOf(fd);
  if (end && end->end == PipeWriteEnd)
    visible(pipeOp(OpKind::PipeWrite, end->pipe, count), stack);
}

void pipeClosing(int fd, const Stack &stack) {
  if (endOf(fd))
    closeEnd(fd, stack);
  else if (fd >= 0 && fd < MaxFds)
    g_fds[fd] = {};
}

void pipeDuplicated(int from, int to, const Stack &stack) {
  if (to < 0 || to >= MaxFds)
    return;
  PipeEnd *end = endOf(from);
  if (!end)
    return;
  g_fds[to] = *end;
  visible(pipeOp(OpKind::PipeDup, end->pipe, end->end), stack);
}

bool pipeEndsInherited() {
  for (int fd = 0; fd < MaxFds; ++fd)
    if (g_fds[fd].pipe && !(REAL(fcntl)(fd, F_GETFD) & FD_CLOEXEC))
      return true;
  return false;
}

void pipeForget(int fd) {
  if (fd >= 0 && fd < MaxFds)
    g_fds[fd] = {};
}

} // namespace tangle::rt
