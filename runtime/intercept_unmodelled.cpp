// Calls tangle does not model, where a proof would be false if they were
// let through: a thread or process that the scheduler cannot see (clone).
// In controlled mode each ends the execution as "unmodelled-call"
// (controller.h): the exploration says it is incomplete and names the call.
// Blocking calls are found when they block instead (a thread asleep in the
// kernel outside any visible operation: cli/blocked_thread.h), since most of
// them (read, poll, accept) often return at once.
#include "runtime/controller.h"
#include "runtime/real_functions.h"
#include "runtime/record.h"
#include "runtime/runtime_state.h"
#include "runtime/stack.h"
#include "runtime/unmodelled.h"

#include <cstdarg>
#include <sched.h>

#define TANGLE_INTERCEPTOR extern "C" __attribute__((visibility("default")))

using namespace tangle;
using namespace tangle::rt;

void tangle::rt::unmodelledClone(const char *call, const Stack &stack) {
  unmodelledCall(stack,
                 "called %s, which creates a thread or process tangle does "
                 "not control (use pthread_create or fork)",
                 call);
}

namespace {
using CloneFn = int (*)(int (*)(void *), void *, int, void *, ...);

int realClone(bool underscored, int (*fn)(void *), void *stack, int flags,
              void *arg, va_list rest) {
  static auto clone = reinterpret_cast<CloneFn>(resolveReal("clone"));
  static auto cloneUnderscored =
      reinterpret_cast<CloneFn>(resolveReal("__clone"));
  // glibc reads the optional arguments only when the flags ask for them.
  pid_t *parentTid = va_arg(rest, pid_t *);
  void *tls = va_arg(rest, void *);
  pid_t *childTid = va_arg(rest, pid_t *);
  return (underscored ? cloneUnderscored : clone)(fn, stack, flags, arg,
                                                  parentTid, tls, childTid);
}
} // namespace

TANGLE_INTERCEPTOR int clone(int (*fn)(void *), void *stack, int flags,
                             void *arg, ...) {
  TANGLE_NOTE_UNWATCHED(Clones);
  if (controlled()) {
    Stack where;
    TANGLE_CALLER_STACK(where);
    unmodelledClone("clone", where);
  }
  va_list rest;
  va_start(rest, arg);
  int rc = realClone(false, fn, stack, flags, arg, rest);
  va_end(rest);
  return rc;
}

TANGLE_INTERCEPTOR int __clone(int (*fn)(void *), void *stack, int flags,
                               void *arg, ...) {
  TANGLE_NOTE_UNWATCHED(Clones);
  if (controlled()) {
    Stack where;
    TANGLE_CALLER_STACK(where);
    unmodelledClone("__clone", where);
  }
  va_list rest;
  va_start(rest, arg);
  int rc = realClone(true, fn, stack, flags, arg, rest);
  va_end(rest);
  return rc;
}
