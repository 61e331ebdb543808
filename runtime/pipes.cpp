// Pipes under control: the Machine decides when a read or a write may
// proceed (objects/pipe.h); the bytes go through the real pipe afterwards.
// Each process knows which of its descriptors are pipe ends; the table is
// private memory, so a fork copies it as the kernel copies descriptors.
#include "model/objects/pipe.h"

#include "runtime/controller.h"
#include "runtime/real_functions.h"
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

int duplicate(int oldFd, int newFd, int rc, const Stack &stack) {
  if (rc < 0 || rc >= MaxFds)
    return rc;
  PipeEnd *from = endOf(oldFd);
  if (!from)
    return rc;
  g_fds[rc] = *from;
  visible(pipeOp(OpKind::PipeDup, from->pipe, from->end), stack);
  (void)newFd;
  return rc;
}

} // namespace

TANGLE_INTERCEPTOR int pipe(int fds[2]) {
  Stack stack;
  TANGLE_CALLER_STACK(stack);
  return makePipe(fds, 0, stack);
}

TANGLE_INTERCEPTOR int pipe2(int fds[2], int flags) {
  Stack stack;
  TANGLE_CALLER_STACK(stack);
  return makePipe(fds, flags, stack);
}

TANGLE_INTERCEPTOR ssize_t read(int fd, void *buffer, size_t count) {
  PipeEnd *end = controlled() ? endOf(fd) : nullptr;
  if (end && end->end == PipeReadEnd) {
    Stack stack;
    TANGLE_CALLER_STACK(stack);
    visible(pipeOp(OpKind::PipeRead, end->pipe, count), stack);
  }
  return REAL(read)(fd, buffer, count);
}

TANGLE_INTERCEPTOR ssize_t write(int fd, const void *buffer, size_t count) {
  PipeEnd *end = controlled() ? endOf(fd) : nullptr;
  if (end && end->end == PipeWriteEnd) {
    Stack stack;
    TANGLE_CALLER_STACK(stack);
    visible(pipeOp(OpKind::PipeWrite, end->pipe, count), stack);
  }
  return REAL(write)(fd, buffer, count);
}

TANGLE_INTERCEPTOR int close(int fd) {
  if (controlled() && endOf(fd)) {
    Stack stack;
    TANGLE_CALLER_STACK(stack);
    closeEnd(fd, stack);
  } else if (fd >= 0 && fd < MaxFds) {
    g_fds[fd] = {};
  }
  return REAL(close)(fd);
}

TANGLE_INTERCEPTOR int dup(int fd) {
  int rc = REAL(dup)(fd);
  if (!controlled())
    return rc;
  Stack stack;
  TANGLE_CALLER_STACK(stack);
  return duplicate(fd, rc, rc, stack);
}

TANGLE_INTERCEPTOR int dup2(int oldFd, int newFd) {
  if (!controlled() || oldFd == newFd)
    return REAL(dup2)(oldFd, newFd);
  Stack stack;
  TANGLE_CALLER_STACK(stack);
  if (endOf(newFd) && fcntl(oldFd, F_GETFD) != -1)
    closeEnd(newFd, stack); // dup2 closes what newFd named
  return duplicate(oldFd, newFd, REAL(dup2)(oldFd, newFd), stack);
}

TANGLE_INTERCEPTOR int dup3(int oldFd, int newFd, int flags) {
  if (!controlled() || oldFd == newFd)
    return REAL(dup3)(oldFd, newFd, flags);
  Stack stack;
  TANGLE_CALLER_STACK(stack);
  if (endOf(newFd) && fcntl(oldFd, F_GETFD) != -1)
    closeEnd(newFd, stack);
  return duplicate(oldFd, newFd, REAL(dup3)(oldFd, newFd, flags), stack);
}
