// Interceptors for the process: exit from any thread, abort and failed
// assertions, fork and the waits for a child.
#include "runtime/controller.h"
#include "runtime/crash.h"
#include "runtime/real_functions.h"
#include "runtime/runtime_state.h"
#include "runtime/stack.h"
#include "runtime/processes.h"
#include "runtime/threads.h"

#include <cerrno>
#include <cstdio>
#include <cstdarg>
#include <cstdlib>
#include <cstring>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#define TANGLE_INTERCEPTOR extern "C" __attribute__((visibility("default")))

using namespace tangle;
using namespace tangle::rt;

TANGLE_INTERCEPTOR void exit(int status) noexcept {
  if (controlled()) {
    Stack stack;
    TANGLE_CALLER_STACK(stack);
    exitProcess(status, stack);
  }
  REAL(exit)(status);
  __builtin_unreachable();
}

TANGLE_INTERCEPTOR void _exit(int status) {
  if (controlled()) {
    Stack stack;
    TANGLE_CALLER_STACK(stack);
    exitProcess(status, stack);
  }
  REAL(_exit)(status);
  __builtin_unreachable();
}

TANGLE_INTERCEPTOR void _Exit(int status) noexcept {
  if (controlled()) {
    Stack stack;
    TANGLE_CALLER_STACK(stack);
    exitProcess(status, stack);
  }
  REAL(_Exit)(status);
  __builtin_unreachable();
}

TANGLE_INTERCEPTOR void abort() noexcept {
  Stack stack;
  TANGLE_CALLER_STACK(stack);
  recordAssertion(nullptr, stack);
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
  REAL(__assert_fail)(assertion, file, line, function);
  __builtin_unreachable();
}

// Forks by an execution and by its forked descendants share one budget (a
// fork bomb in a child stops too); the execution's process group is killed
// when it ends. A fork by a controlled thread is a visible operation: the
// child's one thread is scheduled with all the others.
TANGLE_INTERCEPTOR pid_t fork() noexcept {
  Runtime &rt = g_runtime;
  bool counted = rt.mode == Mode::Controlled || rt.descendant;
  if (!counted)
    return REAL(fork)();
  if (rt.shm->forks.fetch_add(1, std::memory_order_relaxed) >=
      rt.shm->maxProcesses) {
    errno = EAGAIN;
    return -1;
  }
  if (controlled()) {
    Stack stack;
    TANGLE_CALLER_STACK(stack);
    return forkProcess(stack);
  }
  pid_t pid = REAL(fork)();
  if (pid == 0) {
    rt.mode = Mode::Passthrough; // forked by an unscheduled thread
    rt.descendant = true;
  }
  return pid;
}

TANGLE_INTERCEPTOR pid_t waitpid(pid_t pid, int *status, int options) {
  if (!controlled())
    return REAL(waitpid)(pid, status, options);
  Stack stack;
  TANGLE_CALLER_STACK(stack);
  return waitProcess(pid, status, options, stack);
}

TANGLE_INTERCEPTOR pid_t wait(int *status) {
  if (!controlled())
    return REAL(wait)(status);
  Stack stack;
  TANGLE_CALLER_STACK(stack);
  return waitProcess(-1, status, 0, stack);
}

TANGLE_INTERCEPTOR pid_t wait4(pid_t pid, int *status, int options,
                               struct rusage *usage) {
  if (!controlled())
    return REAL(wait4)(pid, status, options, usage);
  if (usage)
    memset(usage, 0, sizeof(*usage));
  Stack stack;
  TANGLE_CALLER_STACK(stack);
  return waitProcess(pid, status, options, stack);
}

TANGLE_INTERCEPTOR pid_t wait3(int *status, int options,
                               struct rusage *usage) {
  if (!controlled())
    return REAL(wait3)(status, options, usage);
  if (usage)
    memset(usage, 0, sizeof(*usage));
  Stack stack;
  TANGLE_CALLER_STACK(stack);
  return waitProcess(-1, status, options, stack);
}

// vfork's child may only exec or _exit, which fork allows too; a real vfork
// child would share the parent's memory, and with it the runtime's state.
TANGLE_INTERCEPTOR pid_t vfork() noexcept { return fork(); }

// exec*: the process goes on as a program tangle does not control. The
// Machine stops scheduling its threads (the new program runs freely; a wait
// for it is a real wait) and the CPU goes to another process's thread.
namespace {
void beforeExec(const Stack &stack) {
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
  return REAL(execve)(path, argv, envp);
}

TANGLE_INTERCEPTOR int execv(const char *path, char *const argv[]) noexcept {
  Stack stack;
  TANGLE_CALLER_STACK(stack);
  beforeExec(stack);
  return REAL(execv)(path, argv);
}

TANGLE_INTERCEPTOR int execvp(const char *file, char *const argv[]) noexcept {
  Stack stack;
  TANGLE_CALLER_STACK(stack);
  beforeExec(stack);
  return REAL(execvp)(file, argv);
}

TANGLE_INTERCEPTOR int execvpe(const char *file, char *const argv[],
                               char *const envp[]) noexcept {
  Stack stack;
  TANGLE_CALLER_STACK(stack);
  beforeExec(stack);
  return REAL(execvpe)(file, argv, envp);
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
  return REAL(execv)(path, argv);
}

TANGLE_INTERCEPTOR int execlp(const char *file, const char *arg, ...) {
  Stack stack;
  TANGLE_CALLER_STACK(stack);
  TANGLE_COLLECT_ARGS(arg, ap, (void)0);
  beforeExec(stack);
  return REAL(execvp)(file, argv);
}

TANGLE_INTERCEPTOR int execle(const char *path, const char *arg, ...) {
  Stack stack;
  TANGLE_CALLER_STACK(stack);
  char **envp;
  TANGLE_COLLECT_ARGS(arg, ap, envp = va_arg(ap, char **));
  beforeExec(stack);
  return REAL(execve)(path, argv, envp);
}
