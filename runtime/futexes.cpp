// See futexes.h.
#include "runtime/futexes.h"

#include "model/machine.h"
#include "runtime/controller.h"
#include "runtime/runtime_state.h"
#include "runtime/shared_memory.h"
#include "runtime/unmodelled.h"
#include "runtime/virtual_time.h"

#include <cerrno>
#include <climits>
#include <linux/futex.h>
#include <sys/uio.h>

namespace tangle::rt {

namespace {

const char *futexCommandName(int command) {
  switch (command) {
  case FUTEX_FD:
    return "FUTEX_FD";
  case FUTEX_REQUEUE:
    return "FUTEX_REQUEUE";
  case FUTEX_CMP_REQUEUE:
    return "FUTEX_CMP_REQUEUE";
  case FUTEX_WAKE_OP:
    return "FUTEX_WAKE_OP";
  case FUTEX_LOCK_PI:
    return "FUTEX_LOCK_PI";
  case FUTEX_UNLOCK_PI:
    return "FUTEX_UNLOCK_PI";
  case FUTEX_TRYLOCK_PI:
    return "FUTEX_TRYLOCK_PI";
  case FUTEX_WAIT_REQUEUE_PI:
    return "FUTEX_WAIT_REQUEUE_PI";
  case FUTEX_CMP_REQUEUE_PI:
    return "FUTEX_CMP_REQUEUE_PI";
  default:
    return "an unknown operation";
  }
}

long failWith(int error) {
  errno = error;
  return -1;
}

Operation futexOp(OpKind kind, uint32_t *word, uint16_t flags, uint64_t arg) {
  Operation op;
  op.kind = kind;
  op.flags = flags;
  op.object = reinterpret_cast<uintptr_t>(word);
  op.arg = arg;
  return op;
}

} // namespace

bool readProgramWord(ProcessId p, uint64_t address, uint32_t &value) {
  if (p == g_runtime.process) {
    value = *reinterpret_cast<volatile uint32_t *>(address);
    return true;
  }
  iovec local{&value, sizeof(value)};
  iovec remote{reinterpret_cast<void *>(address), sizeof(value)};
  return process_vm_readv(processPid(p), &local, 1, &remote, 1, 0) ==
         ssize_t(sizeof(value));
}

long futexCall(uint32_t *word, int op, uint32_t value, const timespec *timeout,
               uint32_t value3, const Stack &stack) {
  const int command = op & FUTEX_CMD_MASK;
  const uint16_t flags = futexStepFlags(op, timeout != nullptr);
  uint32_t bitset = FUTEX_BITSET_MATCH_ANY;
  switch (command) {
  case FUTEX_WAIT_BITSET:
    bitset = value3;
    [[fallthrough]];
  case FUTEX_WAIT: {
    if (bitset == 0)
      return failWith(EINVAL);
    // The word must be read where its key says it is (a file mapped at
    // two addresses is keyed by the first one, which this process may not
    // have mapped).
    if (objectAddress(objectKey(reinterpret_cast<uintptr_t>(word))) !=
        reinterpret_cast<uintptr_t>(word))
      unmodelledCall(stack, "waits on a futex in a file mapped at another "
                            "address by another process");
    int32_t r = visible(
        futexOp(OpKind::FutexWait, word, flags, futexWaitArg(bitset, value)),
        stack);
    if (r == 0)
      r = visible(futexOp(OpKind::FutexResume, word, flags, 0), stack);
    // A timeout moves the thread's clock past it (virtual_time.h):
    // FUTEX_WAIT's is relative (the thread did nothing else meanwhile),
    // FUTEX_WAIT_BITSET's absolute, on CLOCK_MONOTONIC unless
    // FUTEX_CLOCK_REALTIME.
    if (r == ETIMEDOUT && command == FUTEX_WAIT)
      clockSleep(uint64_t(timeout->tv_sec) * 1000000000ull +
                 uint64_t(timeout->tv_nsec));
    else if (r == ETIMEDOUT)
      clockReach(op & FUTEX_CLOCK_REALTIME ? CLOCK_REALTIME : CLOCK_MONOTONIC,
                 timeout);
    return r == 0 ? 0 : failWith(r);
  }
  case FUTEX_WAKE_BITSET:
    bitset = value3;
    [[fallthrough]];
  case FUTEX_WAKE: {
    if (bitset == 0)
      return failWith(EINVAL);
    // A wake's flags are the operation's alone (a timeout is a wait's).
    return visible(futexOp(OpKind::FutexWake, word, futexStepFlags(op, false),
                           futexWakeArg(bitset, int(value))),
                   stack);
  }
  default:
    unmodelledCall(stack, "called futex with %s, which tangle does not model",
                   futexCommandName(command));
  }
}

void prepareFutexStep(ThreadId t) {
  Runtime &rt = g_runtime;
  Operation &op = rt.slots[t].posted.op;
  if (op.kind != OpKind::FutexWait)
    return;
  uint32_t value;
  if (!readProgramWord(rt.machine->processOf(t), objectAddress(op.object),
                       value))
    finishAtLimit("unmodelled-call",
                  "the futex word of thread %u could not be read from its "
                  "process",
                  t);
  if (value == futexExpected(op))
    return;
  // The step and its event say so: a replay takes the same branch.
  op.flags |= FutexValueChanged;
  rt.machine->post(t, op);
}

} // namespace tangle::rt
