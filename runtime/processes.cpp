// Fork and wait under control (see processes.h).
#include "runtime/processes.h"

#include "model/machine.h"

#include "runtime/controller.h"
#include "runtime/real_functions.h"
#include "runtime/runtime_state.h"

#include <cerrno>
#include <cstring>
#include <sys/wait.h>
#include <unistd.h>

namespace tangle::rt {

namespace {

// The child's side of a fork: it becomes the model's new thread `self` in
// the new process, forgets its parent's threads, and parks.
// It reads nothing shared before its turn: the parent runs on meanwhile.
void becomeChild(ThreadId self, ProcessId process) {
  Runtime &rt = g_runtime;
  rt.process = process;
  t_thread.self = self;
  t_thread.exited = false;
  rt.slots[self].osTid = static_cast<int32_t>(gettid());
  rt.slots[self].osPid = static_cast<int32_t>(getpid());
  // Only the forking thread was copied: the others' handles mean nothing
  // here (and must not be joined as the parent's threads).
  for (uint32_t t = 0; t < rt.shm->maxThreads; ++t)
    rt.threads[t].hasHandle = false;
  rt.threads[self].handle = pthread_self();
  rt.threads[self].hasHandle = true;
  waitTurn(self);
}

ProcessId childWithPid(pid_t pid) {
  Runtime &rt = g_runtime;
  for (ProcessId p = 1; p < rt.machine->processCount(); ++p)
    if (processPid(p) == pid && rt.machine->process(p).parent == rt.process)
      return p;
  return NoProcess;
}

} // namespace

pid_t forkProcess(const Stack &stack) {
  Runtime &rt = g_runtime;
  if (rt.machine->processCount() >= MaxPipeProcesses) {
    errno = EAGAIN; // beyond what the model tracks: like a process limit
    return -1;
  }
  Operation op;
  op.kind = OpKind::ProcessFork;
  auto child = static_cast<ThreadId>(visible(op, stack));
  if (child >= rt.shm->maxThreads)
    finish(EndReason::Error, "the program created more than %u threads",
           rt.shm->maxThreads);
  postThreadStart(child, stack);
  const ProcessId process = rt.machine->processOf(child);
  pid_t pid = REAL(fork)();
  if (pid < 0)
    finish(EndReason::Error, "fork failed: %s", strerror(errno));
  if (pid == 0) {
    becomeChild(child, process);
    return 0;
  }
  processPid(process) = pid;
  return pid;
}

pid_t waitProcess(pid_t pid, int *status, int options, const Stack &stack) {
  Operation op;
  op.kind = OpKind::ProcessWait;
  op.flags = (options & WNOHANG) ? WaitNoHang : 0;
  if (pid > 0) {
    ProcessId target = childWithPid(pid);
    if (target == NoProcess) // not a process the model knows
      return REAL(waitpid)(pid, status, options);
    op.object = target;
  } else {
    op.object = AnyProcess; // process groups are the execution's one group
  }
  int32_t reaped = visible(op, stack);
  if (reaped == WaitNoChild) {
    errno = ECHILD;
    return -1;
  }
  if (reaped == WaitNothingYet)
    return 0;
  // The child has exited in the model; reap the real process, which is on
  // its way out (its atexit handlers may still be running).
  pid_t real = processPid(static_cast<ProcessId>(reaped));
  int realStatus = 0;
  while (REAL(waitpid)(real, &realStatus, 0) < 0 && errno == EINTR) {
  }
  if (status)
    *status = realStatus;
  return real;
}

} // namespace tangle::rt
