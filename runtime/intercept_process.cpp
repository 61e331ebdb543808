// Interceptors for the process: exit from any thread, abort and failed
// assertions, fork and the waits for a child.
#include "runtime/controller.h"
#include "runtime/crash.h"
#include "runtime/processes.h"
#include "runtime/real_functions.h"
#include "runtime/record.h"
#include "runtime/reuse_worker.h"
#include "runtime/runtime_state.h"
#include "runtime/stack.h"
#include "runtime/threads.h"

#include <algorithm>
#include <cerrno>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#define TANGLE_INTERCEPTOR extern "C" __attribute__((visibility("default")))

using namespace tangle;
using namespace tangle::rt;

TANGLE_INTERCEPTOR void exit(int status) noexcept {
  noteExitStatus(status);
  if (recording())
    recordProcessExit(
        status, reinterpret_cast<uint64_t>(__builtin_return_address(0)));
  if (controlled()) {
    Stack stack;
    TANGLE_CALLER_STACK(stack);
    exitProcess(status, stack);
  }
  REAL(exit)(status);
  __builtin_unreachable();
}

TANGLE_INTERCEPTOR void _exit(int status) {
  noteExitStatus(status);
  if (recording())
    recordProcessExit(
        status, reinterpret_cast<uint64_t>(__builtin_return_address(0)));
  if (controlled()) {
    Stack stack;
    TANGLE_CALLER_STACK(stack);
    exitProcess(status, stack);
  }
  if (inWorker()) // no atexit handlers: the execution ends here
    endExecutionInWorker(W_EXITCODE(status & 0xff, 0));
  REAL(_exit)(status);
  __builtin_unreachable();
}

TANGLE_INTERCEPTOR void _Exit(int status) noexcept {
  noteExitStatus(status);
  if (recording())
    recordProcessExit(
        status, reinterpret_cast<uint64_t>(__builtin_return_address(0)));
  if (controlled()) {
    Stack stack;
    TANGLE_CALLER_STACK(stack);
    exitProcess(status, stack);
  }
  if (inWorker()) // no atexit handlers: the execution ends here
    endExecutionInWorker(W_EXITCODE(status & 0xff, 0));
  REAL(_Exit)(status);
  __builtin_unreachable();
}

TANGLE_INTERCEPTOR void abort() noexcept {
  Stack stack;
  TANGLE_CALLER_STACK(stack);
  recordAssertion(nullptr, stack);
  if (recording())
    recordAssertionInRun(nullptr, stack);
  REAL(abort)();
  __builtin_unreachable();
}

TANGLE_INTERCEPTOR void __assert_fail(const char *assertion, const char *file,
                                      unsigned int line,
                                      const char *function) noexcept {
  char message[512];
  snprintf(message, sizeof(message), "%s:%u: %s: Assertion `%s' failed.", file,
           line, function ? function : "?", assertion);
  Stack stack;
  TANGLE_CALLER_STACK(stack);
  recordAssertion(message, stack);
  if (recording())
    recordAssertionInRun(message, stack);
  REAL(__assert_fail)(assertion, file, line, function);
  __builtin_unreachable();
}

// Forks by an execution and by its forked descendants share one budget (a
// fork bomb in a child stops too); the execution's process group is killed
// when it ends. A fork by a controlled thread is a visible operation: the
// child's one thread is scheduled with all the others. Past the budget the
// execution ends, incomplete; an unscheduled fork (by a thread or process
// tangle does not control) fails with EAGAIN instead, and the execution's
// end is then the limit's, not the program's (cli/live_program.cpp).
TANGLE_INTERCEPTOR pid_t fork() noexcept {
  Runtime &rt = g_runtime;
  if (recording())
    return recordFork(TANGLE_RECORD_SITE);
  bool counted = rt.mode == Mode::Controlled || rt.descendant;
  if (!counted)
    return REAL(fork)();
  if (rt.shm->forks.fetch_add(1, std::memory_order_relaxed) >=
      rt.shm->maxProcesses) {
    if (controlled())
      finishAtLimit("process-limit",
                    "the program forked more than %u processes in one "
                    "execution (the fork limit)",
                    rt.shm->maxProcesses);
    noteLimit("process-limit",
              "a process tangle does not schedule forked more than %u "
              "processes in one execution (the fork limit)",
              rt.shm->maxProcesses);
    errno = EAGAIN;
    return -1;
  }
  if (controlled()) {
    Stack stack;
    TANGLE_CALLER_STACK(stack);
    return forkProcess(stack);
  }
  pid_t pid = REAL(fork)();
  if (pid < 0 && errno == EAGAIN)
    noteLimitHit(shm::ProcessLimitHit); // --limit-processes
  if (pid == 0) {
    rt.mode = Mode::Passthrough; // forked by an unscheduled thread
    rt.descendant = true;
  }
  return pid;
}

TANGLE_INTERCEPTOR pid_t waitpid(pid_t pid, int *status, int options) {
  if (!controlled())
    return recording() ? recordWait(pid, status, options, nullptr, 0,
                                   TANGLE_RECORD_SITE)
                       : REAL(waitpid)(pid, status, options);
  Stack stack;
  TANGLE_CALLER_STACK(stack);
  return waitProcess(pid, status, options, stack);
}

TANGLE_INTERCEPTOR pid_t wait(int *status) {
  if (!controlled())
    return recording()
               ? recordWait(-1, status, 0, nullptr, 1, TANGLE_RECORD_SITE)
               : REAL(wait)(status);
  Stack stack;
  TANGLE_CALLER_STACK(stack);
  return waitProcess(-1, status, 0, stack);
}

TANGLE_INTERCEPTOR pid_t wait4(pid_t pid, int *status, int options,
                               struct rusage *usage) {
  if (!controlled())
    return recording() ? recordWait(pid, status, options, usage, 2,
                                   TANGLE_RECORD_SITE)
                       : REAL(wait4)(pid, status, options, usage);
  if (usage)
    memset(usage, 0, sizeof(*usage));
  Stack stack;
  TANGLE_CALLER_STACK(stack);
  return waitProcess(pid, status, options, stack);
}

TANGLE_INTERCEPTOR pid_t wait3(int *status, int options,
                               struct rusage *usage) {
  if (!controlled())
    return recording() ? recordWait(-1, status, options, usage, 3,
                                   TANGLE_RECORD_SITE)
                       : REAL(wait3)(status, options, usage);
  if (usage)
    memset(usage, 0, sizeof(*usage));
  Stack stack;
  TANGLE_CALLER_STACK(stack);
  return waitProcess(-1, status, options, stack);
}

TANGLE_INTERCEPTOR int kill(pid_t pid, int signal) noexcept {
  if (recording())
    return recordKill(pid, signal,
                      reinterpret_cast<uint64_t>(__builtin_return_address(0)));
  if (!controlled())
    return REAL(kill)(pid, signal);
  if (pid <= 0) { // a process group: beyond what the model follows
    if (signal != 0)
      taintWorker("kill of a process group, which a rewind cannot undo");
    return REAL(kill)(pid, signal);
  }
  Stack stack;
  TANGLE_CALLER_STACK(stack);
  return killProcess(pid, signal, stack);
}

TANGLE_INTERCEPTOR int waitid(idtype_t type, id_t id, siginfo_t *info,
                              int options) {
  if (!controlled())
    return REAL(waitid)(type, id, info, options);
  Stack stack;
  TANGLE_CALLER_STACK(stack);
  return waitProcessId(type, id, info, options, stack);
}

namespace {
/// Record mode: a posix_spawn that returned `rc`, the child in *pid.
int recordSpawn(int rc, pid_t *pid, uint64_t pc) {
  recordOperation(OpKind::ProcessSpawn, 0, rc == 0 && pid ? uint64_t(*pid) : 0,
                  rc == 0 ? 0 : -rc, pc);
  return rc;
}
} // namespace

// posix_spawn, posix_spawnp, popen and system start a program tangle does
// not control, inside libc (clone, then exec): the child runs unscheduled
// from its start, as after an exec, and a wait for it is a real wait. The
// real start comes first (the program cannot touch the model), then the
// ProcessSpawn step.
TANGLE_INTERCEPTOR int posix_spawn(pid_t *pid, const char *path,
                                   const posix_spawn_file_actions_t *actions,
                                   const posix_spawnattr_t *attr,
                                   char *const argv[], char *const envp[]) {
  if (recording())
    return recordSpawn(REAL(posix_spawn)(pid, path, actions, attr, argv, envp),
                       pid, reinterpret_cast<uint64_t>(__builtin_return_address(0)));
  if (!controlled())
    return REAL(posix_spawn)(pid, path, actions, attr, argv, envp);
  Stack stack;
  TANGLE_CALLER_STACK(stack);
  pid_t child = 0;
  int rc = REAL(posix_spawn)(&child, path, actions, attr, argv, envp);
  if (rc != 0)
    return rc;
  spawnProcess(child, false, actions != nullptr, stack);
  if (pid)
    *pid = child;
  return 0;
}

TANGLE_INTERCEPTOR int posix_spawnp(pid_t *pid, const char *file,
                                    const posix_spawn_file_actions_t *actions,
                                    const posix_spawnattr_t *attr,
                                    char *const argv[], char *const envp[]) {
  if (recording())
    return recordSpawn(REAL(posix_spawnp)(pid, file, actions, attr, argv, envp),
                       pid, reinterpret_cast<uint64_t>(__builtin_return_address(0)));
  if (!controlled())
    return REAL(posix_spawnp)(pid, file, actions, attr, argv, envp);
  Stack stack;
  TANGLE_CALLER_STACK(stack);
  pid_t child = 0;
  int rc = REAL(posix_spawnp)(&child, file, actions, attr, argv, envp);
  if (rc != 0)
    return rc;
  spawnProcess(child, false, actions != nullptr, stack);
  if (pid)
    *pid = child;
  return 0;
}

// system() waits for its shell itself: the calling thread keeps the CPU
// while the command runs (nothing of the program runs meanwhile), and the
// child is reaped when the call returns.
TANGLE_INTERCEPTOR int system(const char *command) {
  if (recording() && command) {
    // The shell ran and was reaped inside the call: stamped when it
    // returned, result its status.
    int status = REAL(system)(command);
    recordOperation(OpKind::ProcessSpawn, 0, 0, status,
                    reinterpret_cast<uint64_t>(__builtin_return_address(0)),
                    SpawnReaped);
    return status;
  }
  if (!controlled() || !command)
    return REAL(system)(command);
  Stack stack;
  TANGLE_CALLER_STACK(stack);
  spawnProcess(0, true, false, stack);
  return REAL(system)(command);
}

namespace {
// popen's streams and their processes (this process's; fork copies them).
struct PopenChild {
  FILE *stream;
  ProcessId process;
};
PopenChild g_popen[16];
} // namespace

TANGLE_INTERCEPTOR FILE *popen(const char *command, const char *type) {
  TANGLE_NOTE_UNWATCHED(Spawns);
  if (!controlled())
    return REAL(popen)(command, type);
  Stack stack;
  TANGLE_CALLER_STACK(stack);
  pid_t before[64];
  int n = childPids(before, 64);
  FILE *stream = REAL(popen)(command, type);
  if (!stream)
    return stream;
  // Its pid is libc's secret: the calling thread's one new child.
  pid_t after[64], pid = 0;
  int m = childPids(after, 64);
  for (int i = 0; i < m; ++i)
    if (std::find(before, before + n, after[i]) == before + n)
      pid = after[i];
  ProcessId child = spawnProcess(pid, false, false, stack);
  for (PopenChild &p : g_popen)
    if (!p.stream) {
      p = {stream, child};
      break;
    }
  return stream;
}

// pclose waits for the command: a wait for that child in the model, then
// the real pclose.
TANGLE_INTERCEPTOR int pclose(FILE *stream) {
  if (!controlled())
    return REAL(pclose)(stream);
  for (PopenChild &p : g_popen)
    if (p.stream == stream && stream) {
      Stack stack;
      TANGLE_CALLER_STACK(stack);
      Operation op;
      op.kind = OpKind::ProcessWait;
      op.object = p.process;
      p = {};
      visible(op, stack);
      break;
    }
  return REAL(pclose)(stream);
}

// vfork's child may only exec or _exit, which fork allows too; a real vfork
// child would share the parent's memory, and with it the runtime's state.
// What fork does not give is the suspension: the parent goes on only once
// the child has exec'd or exited, so it never ends while that child still
// runs (no false lifecycle.orphan) and never runs beside it.
TANGLE_INTERCEPTOR pid_t vfork() noexcept {
  TANGLE_NOTE_UNWATCHED(Spawns);
  pid_t pid = fork();
  if (pid > 0 && controlled()) {
    Stack stack;
    TANGLE_CALLER_STACK(stack);
    awaitVforkChild(pid, stack);
  }
  return pid;
}

// exec*: the process goes on as a program tangle does not control. The
// Machine stops scheduling its threads (the new program runs freely; a wait
// for it is a real wait) and the CPU goes to another process's thread.
namespace {
// An exec that returned failed: the thread goes on recording.
int afterExec(int rc) {
  if (recording())
    recordExecFailed();
  return rc;
}

void beforeExec(const Stack &stack) {
  if (recording())
    recordExec(stack.frames[0]);
  if (!controlled())
    return;
  Operation op;
  op.kind = OpKind::ProcessExec;
  visible(op, stack);
  g_runtime.ending = true;
  handOver();
}
} // namespace

TANGLE_INTERCEPTOR int execve(const char *path, char *const argv[],
                              char *const envp[]) noexcept {
  Stack stack;
  TANGLE_CALLER_STACK(stack);
  beforeExec(stack);
  return afterExec(REAL(execve)(path, argv, envp));
}

TANGLE_INTERCEPTOR int execv(const char *path, char *const argv[]) noexcept {
  Stack stack;
  TANGLE_CALLER_STACK(stack);
  beforeExec(stack);
  return afterExec(REAL(execv)(path, argv));
}

TANGLE_INTERCEPTOR int execvp(const char *file, char *const argv[]) noexcept {
  Stack stack;
  TANGLE_CALLER_STACK(stack);
  beforeExec(stack);
  return afterExec(REAL(execvp)(file, argv));
}

TANGLE_INTERCEPTOR int execvpe(const char *file, char *const argv[],
                               char *const envp[]) noexcept {
  Stack stack;
  TANGLE_CALLER_STACK(stack);
  beforeExec(stack);
  return afterExec(REAL(execvpe)(file, argv, envp));
}

// The list forms, collected into an argv (at most 255 arguments).
#define TANGLE_COLLECT_ARGS(first, args, envOut)                               \
  char *argv[256];                                                             \
  int argc = 0;                                                                \
  va_list ap;                                                                  \
  va_start(ap, first);                                                         \
  argv[argc++] = const_cast<char *>(first);                                    \
  while (argc < 255 && (argv[argc] = va_arg(ap, char *)) != nullptr)           \
    ++argc;                                                                    \
  argv[argc] = nullptr;                                                        \
  envOut;                                                                      \
  va_end(ap)

TANGLE_INTERCEPTOR int execl(const char *path, const char *arg, ...) {
  Stack stack;
  TANGLE_CALLER_STACK(stack);
  TANGLE_COLLECT_ARGS(arg, ap, (void)0);
  beforeExec(stack);
  return afterExec(REAL(execv)(path, argv));
}

TANGLE_INTERCEPTOR int execlp(const char *file, const char *arg, ...) {
  Stack stack;
  TANGLE_CALLER_STACK(stack);
  TANGLE_COLLECT_ARGS(arg, ap, (void)0);
  beforeExec(stack);
  return afterExec(REAL(execvp)(file, argv));
}

TANGLE_INTERCEPTOR int execle(const char *path, const char *arg, ...) {
  Stack stack;
  TANGLE_CALLER_STACK(stack);
  char **envp;
  TANGLE_COLLECT_ARGS(arg, ap, envp = va_arg(ap, char **));
  beforeExec(stack);
  return afterExec(REAL(execve)(path, argv, envp));
}
