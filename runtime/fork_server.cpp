// The fork server: main is wrapped (through __libc_start_main); at main's
// start the process publishes its modules and then forks one execution per
// request from tangle. Each execution runs main as thread 0 under control.
#include "runtime/fork_server.h"
#include "runtime/controller.h"
#include "runtime/crash.h"
#include "runtime/descendants.h"
#include "runtime/memory_limit.h"
#include "runtime/modules.h"
#include "runtime/real_functions.h"
#include "runtime/record.h"
#include "runtime/reuse_worker.h"
#include "runtime/runtime_state.h"
#include "runtime/stack.h"
#include "runtime/stack_pool.h"
#include "runtime/threads.h"
#include "runtime/working_set.h"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <link.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "runtime/futex.h"

namespace tangle::rt {

namespace {

// The signal mask the program started with (the server blocks SIGCHLD).
sigset_t g_programSignalMask;

// The process the server forks for the next request becomes a reuse worker
// (runtime/reuse_worker.h).
bool g_becomeWorker = false;
// With --reuse-process, the first worker of the run also *probes*: it runs
// the first request with a pool of a guessed size (reuse_worker.cpp), and
// decides whether workers are worth it. When its first execution does what
// a worker would end or refuse for (a fork, a file opened, a signal
// handler: reuse_worker.h), every execution would likely do it too, and a
// worker for each would cost more than a process each: it stops there, and
// every request runs in a process of its own (reuseDeclined says why),
// the first one again. Likewise when its pool was too small or the
// program declined fibers: the request runs again in a new probing worker.
// Every execution tangle sees then ran in a worker set up the same way, or
// every one in a process of its own: its objects have the same addresses
// in all of them. The standard output and error of the first request's run
// are kept aside (two memfds, with --show-output) until that is known:
// shown when its run stands, dropped when the request runs again.
// g_probed: a worker answered the first request, or the run declined.
bool g_probed = false;
bool g_inProbe = false; // in a worker the server forked to probe
int g_probeOutput[2] = {-1, -1};
// In a probing worker: its own standard output and error while the memfds
// stand in for them (finishProbeOutput puts them back).
int g_realOutput[2] = {-1, -1};

// The probe's standard output and error, aside (raw calls: the runtime's
// interceptors of open and dup2 are not for its own).
void openProbeOutput() {
  for (int &fd : g_probeOutput) {
    const long made =
        rawSyscall(SYS_memfd_create, long("tangle-probe"), MFD_CLOEXEC);
    fd = made < 0 ? -1 : int(made);
  }
}

void redirectProbeOutput() {
  for (int k = 0; k < 2; ++k)
    if (g_probeOutput[k] >= 0) {
      const long saved =
          rawSyscall(SYS_fcntl, STDOUT_FILENO + k, F_DUPFD_CLOEXEC, 3);
      g_realOutput[k] = saved < 0 ? -1 : int(saved);
      rawSyscall(SYS_dup2, g_probeOutput[k], STDOUT_FILENO + k);
    }
}

// Copies what was written to `from` (a memfd) to `to`.
void copyOutput(int from, int to) {
  char buffer[4096];
  for (long at = 0;;) {
    const long got =
        rawSyscall(SYS_pread64, from, long(buffer), sizeof(buffer), at);
    if (got <= 0)
      break;
    at += got;
    for (long done = 0; done < got;) {
      const long put =
          rawSyscall(SYS_write, to, long(buffer + done), got - done);
      if (put <= 0)
        break;
      done += put;
    }
  }
}

// In the server, once the probe ended: its output goes where an
// execution's would (`keep`), or nowhere.
void closeProbeOutput(bool keep) {
  for (int k = 0; k < 2; ++k) {
    const int fd = g_probeOutput[k];
    if (fd < 0)
      continue;
    if (keep)
      copyOutput(fd, STDOUT_FILENO + k);
    rawSyscall(SYS_close, fd);
    g_probeOutput[k] = -1;
  }
}

void reapStrays() {
  while (waitpid(-1, nullptr, WNOHANG) > 0) {
  }
}

// Waits until every process of the execution has ended: its first process
// (whose status is the execution's) and the processes it forked, which are
// reparented here as their parents end. A process killed by a signal the
// runtime did not expect ends the others, which would wait for it forever.
//
// SIGCHLD is blocked in the server (serve()): a process that leaves the
// group (setsid, a daemon) while the server sleeps in waitpid(-pid) would
// wake nobody, and the server would sleep for good. So it looks without
// blocking, and in between sleeps until the next SIGCHLD or 50 ms.
int awaitExecution(pid_t pid) {
  int mainStatus = 0;
  sigset_t childSignal;
  sigemptyset(&childSignal);
  sigaddset(&childSignal, SIGCHLD);
  for (;;) {
    int status = 0;
    pid_t reaped = waitpid(-pid, &status, WNOHANG);
    if (reaped < 0) {
      if (errno == EINTR)
        continue;
      break; // ECHILD: all gone
    }
    if (reaped == 0) {
      timespec slice = {0, 50 * 1000 * 1000};
      sigtimedwait(&childSignal, nullptr, &slice);
      continue;
    }
    if (reaped == pid)
      mainStatus = status;
    if (WIFSIGNALED(status) && !g_runtime.shm->endRecorded &&
        !killedByModel(reaped))
      kill(-pid, SIGKILL);
  }
  kill(-pid, SIGKILL); // anything that left the group's children
  return mainStatus;
}

// When tangle ends (its parent-death signal, or tangle asking), whatever
// the program is doing: end every process of it and leave.
void onCleanupSignal(int) {
  shm::Header *h = g_runtime.shm;
  pid_t execution = h ? h->executionPid : 0;
  if (execution > 0)
    kill(-execution, SIGKILL);
  killChildren();
  REAL(_exit)(0);
}

void armCleanup() {
  struct sigaction sa = {};
  sa.sa_handler = onCleanupSignal;
  sigfillset(&sa.sa_mask);
  sigaction(SIGRTMIN + shm::CleanupSignalOffset, &sa, nullptr);
  // Until now tangle's death killed this process outright (SIGKILL, set
  // before exec); from here on it also ends the executions and everything
  // they left. (The switch is atomic: no death goes unnoticed.)
  prctl(PR_SET_PDEATHSIG, SIGRTMIN + shm::CleanupSignalOffset);
}

// Returns only in an execution child.
void serve() {
  shm::Header *h = g_runtime.shm;
  // Every orphan of an execution (a grandchild whose parent exited, a
  // daemon in its own session) is reparented here, and killed below.
  prctl(PR_SET_CHILD_SUBREAPER, 1);
  armCleanup();
  // Taken with sigtimedwait in awaitExecution; executions get the
  // program's own mask back.
  sigset_t childSignal;
  sigemptyset(&childSignal);
  sigaddset(&childSignal, SIGCHLD);
  sigprocmask(SIG_BLOCK, &childSignal, &g_programSignalMask);
  fflush(nullptr); // constructors' output, once, not once per execution
  h->serverPid = getpid();
  // Allocated once here, inherited by every execution.
  g_runtime.threads =
      static_cast<ThreadRecord *>(calloc(h->maxThreads, sizeof(ThreadRecord)));
  initThreadExit();
  reserveAltStacks(h->maxThreads);
  reservePooledStacks(h->maxThreads);
  if (!reserveSharedExecution()) {
    snprintf(h->message, sizeof(h->message),
             "the runtime could not map the model's memory");
    h->serverState.store(uint32_t(shm::ServerState::Failed),
                         std::memory_order_release);
    futexWake(&h->serverState);
    REAL(_exit)(1);
  }
  listModules(g_runtime.shm->modules, g_runtime.shm->moduleCount);
  // Once here rather than in every execution: the walk over the loaded
  // objects cost each execution about 2% of its time, and the handlers,
  // main's alternate signal stack and the memory limit are inherited by
  // every fork. (The handlers do nothing outside an execution.)
  installCrashHandlers();
  noteServerMappings();
  limitMemory(h->memoryLimitBytes); // after the server's last mapping
  h->serverState.store(uint32_t(shm::ServerState::Ready),
                       std::memory_order_release);
  futexWake(&h->serverState);
  uint32_t seen = 0;
  bool again = false; // a worker refused request `seen`: run it anew
  for (;;) {
    if (!again) {
      uint32_t seq;
      while ((seq = h->requestSeq.load(std::memory_order_acquire)) == seen)
        futexWaitCounted(&h->requestSeq, seen, &h->requestSleepers);
      seen = seq;
      if (h->command == uint32_t(shm::Command::Quit))
        onCleanupSignal(0);
    }
    again = false;
    reapStrays();
    const bool worker = g_becomeWorker = workerWanted();
    const bool probe = worker && !g_probed;
    const uint32_t probed = seen; // the request a probing worker runs first
    if (probe && h->showOutput)
      openProbeOutput();
    pid_t pid = REAL(fork)();
    if (pid == 0) {
      g_inProbe = probe;
      if (probe)
        redirectProbeOutput();
      return;
    }
    if (pid < 0) {
      closeProbeOutput(false);
      h->forkFailed = 1;
      reportDone(seen);
      continue;
    }
    REAL(setpgid)(pid, pid); // also done by the child: whichever runs first
    h->executionPid = pid;
    int status = awaitExecution(pid);
    h->fiberProcess = 0; // a worker that ran fibers has ended
    // Nothing outlives an execution: what left its process group (setsid,
    // setpgid, a daemon) is still our child or below it.
    if (hasRunningChildren())
      killChildren();
    removeExecutionQueues();
    if (probe) {
      if (h->reuseDeclined[0])
        h->reuseOff = 1;
      // It answered the first request (its output went out then), or it
      // ended in it: declined, refused (its pool too small, fibers
      // declined), crashed, or killed by tangle (its timeout).
      const bool answered =
          int32_t(h->doneSeq.load(std::memory_order_acquire) - probed) >= 0;
      const bool dropped = !answered && !WIFSIGNALED(status) &&
                           (h->reuseDeclined[0] || h->requestRefused);
      closeProbeOutput(!answered && !dropped);
      g_probed = answered || h->reuseOff;
      if (dropped) {
        // A probe, not one of the run's workers: the request runs again.
        --h->workersStarted;
        h->requestRefused = 0;
        h->rewinding.store(0, std::memory_order_release);
        shm::clearResult(*h);
        again = true;
        continue;
      }
    }
    if (worker) {
      // It answered every request up to the one it ended in (if it did not
      // answer that one too, before tangle killed it between requests).
      seen = h->requestSeq.load(std::memory_order_acquire);
      if (h->command == uint32_t(shm::Command::Quit))
        onCleanupSignal(0);
      // A worker answers before it rewinds: one whose rewind failed
      // answered `seen` if tangle has not asked again, and never took the
      // request if it has.
      const bool refused = !workerServedRequest();
      h->rewinding.store(0, std::memory_order_release);
      if (h->doneSeq.load(std::memory_order_acquire) == seen)
        continue;
      if (refused || h->takenSeq != seen) {
        shm::clearResult(*h);
        again = true;
        continue;
      }
    }
    h->waitStatus = status;
    reportDone(seen);
    guardUsedStacks(); // while tangle looks at the execution
  }
}

void limitResource(int resource, uint64_t value, uint64_t hardMargin = 0) {
  if (value == 0)
    return;
  rlimit limit = {value, value + hardMargin};
  REAL(setrlimit)(resource, &limit);
}

} // namespace

bool inProbe() { return g_inProbe; }

void leaveProbe() { g_inProbe = false; }

void finishProbeOutput() {
  for (int k = 0; k < 2; ++k) {
    if (g_probeOutput[k] < 0 || g_realOutput[k] < 0)
      continue;
    copyOutput(g_probeOutput[k], g_realOutput[k]);
    rawSyscall(SYS_dup2, g_realOutput[k], STDOUT_FILENO + k);
    rawSyscall(SYS_close, g_realOutput[k]);
    rawSyscall(SYS_close, g_probeOutput[k]);
    g_realOutput[k] = g_probeOutput[k] = -1;
  }
}

void reportDone(uint32_t seq) {
  shm::Header &h = *g_runtime.shm;
  publishAndWake(&h.doneSeq, seq, &h.doneSleepers);
}

// Once per process that runs executions (an execution's, or a worker's).
void prepareExecutionProcess() {
  populateWorkingSet(); // before this process writes anything of its own
  populateExecutionMemory();
  shm::Header *h = g_runtime.shm;
  REAL(setpgid)(0, 0);
  g_runtime.executionGroup = getpid();
  signal(SIGRTMIN + shm::CleanupSignalOffset, SIG_DFL);
  sigprocmask(SIG_SETMASK, &g_programSignalMask, nullptr);
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (getppid() != h->serverPid) // the server died before prctl
    REAL(_exit)(1);
}

void reopenStdin() {
  shm::Header *h = g_runtime.shm;
  char path[64];
  snprintf(path, sizeof(path), "/proc/self/fd/%d", h->stdinFd);
  int in = open(path, O_RDONLY | O_CLOEXEC); // offset 0 for each execution
  if (in >= 0) {
    dup2(in, STDIN_FILENO);
    close(in);
  }
}

namespace {

// The execution child: its own process group, limits, a fresh stdin.
void becomeExecution() {
  prepareExecutionProcess();
  // A fork is no subreaper. It inherits what serve() set up once: the
  // crash handlers, main's alternate signal stack, and the memory limit
  // (what the program adds to the address space the fork server had
  // mapped, its threads' stacks on top: runtime/memory_limit.h).
  // SIGXCPU at the soft limit, which tangle reports as the limit; at an
  // equal hard limit the kernel would send SIGKILL instead, like a crash.
  limitResource(RLIMIT_CPU, g_runtime.shm->cpuLimitSeconds, 1);
  reopenStdin();
  startExecution();
}

int mainUnderTangle(int argc, char **argv, char **envp) {
  serve();
  if (g_becomeWorker)
    runWorker(argc, argv, envp);
  becomeExecution();
  t_thread.stackTop = reinterpret_cast<uintptr_t>(__builtin_frame_address(0));
  // pthread_exit in main: main's thread exits, the process lives on while
  // other threads run.
  armThreadExit(true);
  int status = g_runtime.programMain(argc, argv, envp);
  armThreadExit(false);
  if (controlled()) {
    Stack returnSite; // returning from main has no call site
    exitProcess(status, returnSite);
  }
  return status; // libc calls exit(status), unscheduled: we are ending
}

} // namespace

} // namespace tangle::rt

using namespace tangle::rt;

extern "C" __attribute__((visibility("default"))) int
__libc_start_main(int (*main)(int, char **, char **), int argc, char **argv,
                  void (*init)(), void (*fini)(), void (*rtldFini)(),
                  void *stackEnd) {
  auto realStart = REAL(__libc_start_main);
  if (g_runtime.mode == Mode::Record) { // main's return is its exit
    g_runtime.programMain = main;
    return realStart(mainRecorded, argc, argv, init, fini, rtldFini, stackEnd);
  }
  if (g_runtime.mode != Mode::Server)
    return realStart(main, argc, argv, init, fini, rtldFini, stackEnd);
  g_runtime.programMain = main;
  return realStart(mainUnderTangle, argc, argv, init, fini, rtldFini, stackEnd);
}
