// Interceptors for the process: exit from any thread, abort and failed
// assertions, fork and the waits for a child.
#include "runtime/crash.h"
#include "runtime/real_functions.h"
#include "runtime/runtime_state.h"
#include "runtime/stack.h"
#include "runtime/processes.h"
#include "runtime/threads.h"

#include <cerrno>
#include <cstdio>
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
