// Fork and wait under control (see processes.h).
#include "runtime/processes.h"

#include "model/machine.h"

#include "runtime/controller.h"
#include "runtime/pipes.h"
#include "runtime/real_functions.h"
#include "runtime/reuse_worker.h"
#include "runtime/runtime_state.h"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace tangle::rt {

namespace {

// The child's side of a fork: it becomes the model's new thread `self` in
// the new process, forgets its parent's threads, and parks.
// It reads nothing shared before its turn: the parent runs on meanwhile.
void becomeChild(ThreadId self, ProcessId process) {
  Runtime &rt = g_runtime;
  forgetWorker(); // a fork of a worker's execution is an execution's child
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
  rt.threads[self].stackBytes = 0; // its stack is the forking thread's
  waitTurn(self);
}

ProcessId childWithPid(pid_t pid) {
  Runtime &rt = g_runtime;
  for (ProcessId p = 1; p < rt.machine->processCount(); ++p)
    if (processPid(p) == pid && rt.machine->process(p).parent == rt.process &&
        !rt.machine->process(p).orphaned)
      return p;
  return NoProcess;
}

ProcessId processWithPid(pid_t pid) {
  Runtime &rt = g_runtime;
  for (ProcessId p = 0; p < rt.machine->processCount(); ++p)
    if (processPid(p) == pid)
      return p;
  return NoProcess;
}

/// Signals whose default action ends the process, and that the runtime does
/// not catch itself (it records crashes on SIGSEGV, SIGBUS, SIGFPE, SIGILL
/// and SIGABRT).
bool endsProcess(int signal) {
  switch (signal) {
  case SIGHUP:
  case SIGINT:
  case SIGQUIT:
  case SIGKILL:
  case SIGUSR1:
  case SIGUSR2:
  case SIGPIPE:
  case SIGALRM:
  case SIGTERM:
  case SIGVTALRM:
  case SIGPROF:
  case SIGIO:
  case SIGPWR:
  case SIGXCPU:
  case SIGXFSZ:
  case SIGSYS:
  case SIGTRAP:
  case SIGSTKFLT:
    return true;
  default:
    return false;
  }
}

/// A signal mask line of /proc/PID/status ("SigCgt:\t0000000000004002").
uint64_t statusMask(const char *path, const char *field) {
  int fd = REAL(open)(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return 0;
  char text[4096];
  ssize_t n = REAL(read)(fd, text, sizeof(text) - 1);
  REAL(close)(fd);
  text[n > 0 ? n : 0] = '\0';
  const char *line = strstr(text, field);
  return line ? strtoull(line + strlen(field), nullptr, 16) : 0;
}

/// Whether process `pid` (parked: it is not running) would not simply end
/// on `signal`: it has a handler for it, ignores it, or every one of its
/// threads blocks it.
bool handlesSignal(pid_t pid, int signal) {
  const uint64_t bit = uint64_t(1) << (signal - 1);
  char path[64];
  snprintf(path, sizeof(path), "/proc/%d/status", int(pid));
  if ((statusMask(path, "SigCgt:") | statusMask(path, "SigIgn:")) & bit)
    return true;
  snprintf(path, sizeof(path), "/proc/%d/task", int(pid));
  DIR *tasks = REAL(opendir)(path); // not the program's: no taint
  if (!tasks)
    return false;
  bool allBlock = true, any = false;
  while (dirent *task = readdir(tasks)) {
    if (task->d_name[0] == '.')
      continue;
    char status[300];
    snprintf(status, sizeof(status), "/proc/%d/task/%s/status", int(pid),
             task->d_name);
    any = true;
    allBlock &= (statusMask(status, "SigBlk:") & bit) != 0;
  }
  REAL(closedir)(tasks);
  return any && allBlock;
}

/// Whether every thread of this process but the caller blocks `signal`
/// (or there is no other): then a signal sent to the process can only be
/// delivered to the caller, before kill returns, as raise's is.
bool onlyCallerTakes(int signal) {
  // Another thread of this process that has not exited could take it: its
  // mask right now is not the program's to read (a thread not started yet,
  // or parked by the runtime, shows another), so the model does not follow
  // the signal while one lives.
  Runtime &rt = g_runtime;
  for (ThreadId t = 0; t < rt.machine->threadCount(); ++t)
    if (t != t_thread.self && rt.machine->thread(t).process == rt.process &&
        rt.machine->thread(t).status != ThreadStatus::Exited)
      return false;
  const uint64_t bit = uint64_t(1) << (signal - 1);
  char self[32];
  snprintf(self, sizeof(self), "%d", int(gettid()));
  DIR *tasks = REAL(opendir)("/proc/self/task");
  if (!tasks)
    return false;
  bool only = true;
  while (dirent *task = readdir(tasks)) {
    if (task->d_name[0] == '.' || strcmp(task->d_name, self) == 0)
      continue;
    char status[300];
    snprintf(status, sizeof(status), "/proc/self/task/%s/status",
             task->d_name);
    only &= (statusMask(status, "SigBlk:") & bit) != 0;
  }
  REAL(closedir)(tasks);
  return only;
}

/// kill(getpid(), signal) the model can follow: the signal is ignored (it
/// is discarded), or the program has a handler for it and only the calling
/// thread can take it -- the handler then runs in that thread before kill
/// returns, as for raise, and its calls are that thread's visible
/// operations (a handler that locks a mutex its thread holds is
/// lock.self-deadlock). Returns false when the model cannot follow it.
bool killOwnProcess(int signal) {
  if (signal == SIGKILL || signal == SIGSTOP)
    return false;
  struct sigaction action = {};
  if (sigaction(signal, nullptr, &action) != 0)
    return false;
  bool handler = (action.sa_flags & SA_SIGINFO) ||
                 (action.sa_handler != SIG_DFL && action.sa_handler != SIG_IGN);
  if (!handler)
    return action.sa_handler == SIG_IGN;
  sigset_t mask;
  if (pthread_sigmask(SIG_BLOCK, nullptr, &mask) != 0 ||
      sigismember(&mask, signal) || !onlyCallerTakes(signal))
    return false;
  raise(signal);
  return true;
}

const char *signalAbbrev(int signal) {
  const char *abbrev = sigabbrev_np(signal);
  return abbrev ? abbrev : "?";
}

} // namespace

int killProcess(pid_t pid, int signal, const Stack &stack) {
  Runtime &rt = g_runtime;
  ProcessId target = processWithPid(pid);
  if (target == NoProcess || signal == 0) { // not one of ours, or a probe
    // A signal to a process outside the execution (its parent, say: the
    // fork server) is an effect a reuse worker's rewind cannot undo.
    if (signal != 0)
      taintWorker("kill of a process outside the execution, which a rewind "
                  "cannot undo");
    return REAL(kill)(pid, signal);
  }
  // A signal use the model cannot follow ends this execution as
  // unmodelled-call: the verdict is incomplete, naming it, and the findings
  // of the other executions stand (never an error that loses them).
  if (target == rt.process && killOwnProcess(signal))
    return 0;
  if (target == rt.process ||
      rt.machine->process(target).parent != rt.process ||
      rt.machine->process(target).orphaned)
    unmodelledCall(stack,
                   "called kill(%d, SIG%s) on %s, which tangle does not model "
                   "(only the kill of a child process is, and a signal to the "
                   "program itself that is ignored or that a handler takes in "
                   "the calling thread, the only one not blocking it)",
                   int(pid), signalAbbrev(signal),
                   target == rt.process ? "its own process"
                                        : "a process that is not its child");
  if (rt.machine->process(target).execed) // an unscheduled program
    return REAL(kill)(pid, signal);
  if (!endsProcess(signal))
    unmodelledCall(stack,
                   "called kill(%d, SIG%s), which tangle does not model (only "
                   "signals that end the process are)",
                   int(pid), signalAbbrev(signal));
  if (signal != SIGKILL &&
      rt.machine->process(target).status == ProcessStatus::Running &&
      handlesSignal(pid, signal))
    unmodelledCall(stack,
                   "called kill(%d, SIG%s), but process %u catches, ignores or "
                   "blocks the signal, which tangle does not model (only "
                   "signals that end the process are)",
                   int(pid), signalAbbrev(signal), target);
  Operation op;
  op.kind = OpKind::ProcessKill;
  op.object = target;
  op.arg = uint64_t(signal);
  int32_t result = visible(op, stack);
  if (result < 0) {
    errno = -result;
    return -1;
  }
  if (result == KillNoEffect) // a zombie: its status stays its exit's
    return 0;
  // The child is parked (one thread runs at a time): it dies where it
  // stopped, and its parent's wait reports the signal.
  noteKilledPid(pid);
  return REAL(kill)(pid, signal);
}

int waitProcessId(idtype_t type, id_t id, siginfo_t *info, int options,
                  const Stack &stack) {
  if (!(options & WEXITED))
    unmodelledCall(stack, "called waitid without WEXITED (for stopped or "
                          "continued children), which tangle does not model");
  Operation op;
  op.kind = OpKind::ProcessWait;
  op.flags = uint16_t(((options & WNOHANG) ? WaitNoHang : 0) |
                      ((options & WNOWAIT) ? WaitKeep : 0));
  if (type == P_PID) {
    ProcessId target = childWithPid(pid_t(id));
    if (target == NoProcess)
      return REAL(waitid)(type, id, info, options);
    op.object = target;
  } else if (type == P_ALL || type == P_PGID) {
    op.object = AnyProcess;
  } else { // P_PIDFD: not a process the model can name
    return REAL(waitid)(type, id, info, options);
  }
  int32_t reaped = visible(op, stack);
  if (reaped == WaitNoChild) {
    errno = ECHILD;
    return -1;
  }
  pid_t real = processPid(static_cast<ProcessId>(reaped));
  if (reaped == WaitNothingYet || real <= 0) {
    if (info)
      memset(info, 0, sizeof(*info)); // si_pid 0: nothing to report yet
    return 0;
  }
  int rc;
  while ((rc = REAL(waitid)(P_PID, id_t(real), info, options & ~WNOHANG)) < 0 &&
         errno == EINTR) {
  }
  return rc;
}

ProcessId spawnProcess(pid_t pid, bool reaped, bool actions,
                       const Stack &stack) {
  Operation op;
  op.kind = OpKind::ProcessSpawn;
  op.flags = reaped ? SpawnReaped
                    : (actions || pipeEndsInherited() ? SpawnKeepsPipes : 0);
  int32_t child = visible(op, stack);
  if (child == -EAGAIN) // no process number is free
    finishAtProcessLimit();
  if (child < 0) // system(): no process left in the model
    return NoProcess;
  processPid(ProcessId(child)) = pid;
  return ProcessId(child);
}

int childPids(pid_t *pids, int capacity) {
  char path[64];
  snprintf(path, sizeof(path), "/proc/self/task/%d/children", int(gettid()));
  int fd = REAL(open)(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return 0;
  char text[1024];
  ssize_t n = REAL(read)(fd, text, sizeof(text) - 1);
  REAL(close)(fd);
  text[n > 0 ? n : 0] = '\0';
  int count = 0;
  for (char *p = text; *p && count < capacity;) {
    char *end;
    long pid = strtol(p, &end, 10);
    if (end == p)
      break;
    pids[count++] = pid_t(pid);
    p = end;
  }
  return count;
}

pid_t forkProcess(const Stack &stack) {
  Runtime &rt = g_runtime;
  Operation op;
  op.kind = OpKind::ProcessFork;
  int32_t result = visible(op, stack);
  if (result < 0) // no process number is free (the model said EAGAIN)
    finishAtProcessLimit();
  auto child = static_cast<ThreadId>(result);
  if (child >= rt.shm->maxThreads)
    finishAtThreadLimit();
  postThreadStart(child, stack);
  const ProcessId process = rt.machine->processOf(child);
  pid_t pid = REAL(fork)();
  // The child exists in the model already: a refusal cannot be returned.
  if (pid < 0 && errno == EAGAIN)
    finishAtLimit("process-limit",
                  "a fork failed: %s (--limit-processes, or the system's "
                  "limit on processes)",
                  strerror(errno));
  if (pid < 0 && errno == ENOMEM)
    finishAtLimit("system-limit",
                  "a fork failed: %s (the execution's memory limit, or the "
                  "system's memory)",
                  strerror(errno));
  if (pid < 0)
    finish(EndReason::Error, "fork failed: %s", strerror(errno));
  if (pid == 0) {
    becomeChild(child, process);
    return 0;
  }
  processPid(process) = pid;
  return pid;
}

void awaitVforkChild(pid_t pid, const Stack &stack) {
  ProcessId child = childWithPid(pid);
  if (child == NoProcess)
    return;
  Operation op;
  op.kind = OpKind::ProcessWait;
  op.object = child;
  op.flags = WaitKeep | WaitVfork;
  visible(op, stack);
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
  if (reaped >= 0 && processPid(ProcessId(reaped)) <= 0) {
    // A child whose pid is not known (popen's, without /proc): reaped in
    // the model only; pclose really waits for it.
    if (status)
      *status = 0;
    return 0;
  }
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
