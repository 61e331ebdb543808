// Interceptors for pthread mutexes and threads: take the call and hand it to
// the runtime. Outside controlled mode each one is a check and a jump to
// the real function. In controlled mode mutexes are modelled, never
// executed: the result is the Machine's.
#include "runtime/controller.h"
#include "runtime/object_lifetime.h"
#include "runtime/pthread_objects.h"
#include "runtime/real_functions.h"
#include "runtime/record.h"
#include "runtime/runtime_state.h"
#include "runtime/stack.h"
#include "runtime/threads.h"

#include <pthread.h>

#define TANGLE_INTERCEPTOR extern "C" __attribute__((visibility("default")))

using namespace tangle;
using namespace tangle::rt;

int tangle::rt::mutexCall(OpKind kind, pthread_mutex_t *m, const Stack &stack) {
  return lifetimeStep(ObjectKind::Mutex, m, mutexOperation(kind, m), stack);
}

namespace {

// A mutex hook re-entered while dlsym resolves it: still single-threaded.
template <typename F, typename... Args> int callReal(F f, Args... args) {
  return f ? f(args...) : 0;
}

} // namespace

TANGLE_INTERCEPTOR int pthread_mutex_init(pthread_mutex_t *m,
                                          const pthread_mutexattr_t *attr) {
  int rc = callReal(REAL(pthread_mutex_init), m, attr); // sets __kind
  if (rc == 0 && !controlled() && g_runtime.mode != Mode::Passthrough)
    markInitialized(ObjectKind::Mutex, m); // before main: initialised
  if (!controlled() || rc != 0)
    return rc;
  Stack stack;
  TANGLE_CALLER_STACK(stack);
  return mutexCall(OpKind::MutexInit, m, stack);
}

TANGLE_INTERCEPTOR int pthread_mutex_destroy(pthread_mutex_t *m) {
  if (!controlled())
    return callReal(REAL(pthread_mutex_destroy), m);
  Stack stack;
  TANGLE_CALLER_STACK(stack);
  return mutexCall(OpKind::MutexDestroy, m, stack);
}

namespace {
/// The controlled and the first passthrough call of lock and unlock, out of
/// line: the interceptors then save no registers on the way to the record
/// functions or the real ones (stores that the lock's atomic instruction
/// waits for: docs/bench.md, "One event per lock/unlock pair").
__attribute__((noinline)) int otherMutexCall(OpKind kind, pthread_mutex_t *m,
                                             uintptr_t fp) {
  if (!controlled())
    return kind == OpKind::MutexLock ? callReal(REAL(pthread_mutex_lock), m)
                                     : callReal(REAL(pthread_mutex_unlock), m);
  Stack stack;
  walkFrames(stack, fp);
  return mutexCall(kind, m, stack);
}
} // namespace

TANGLE_INTERCEPTOR int pthread_mutex_lock(pthread_mutex_t *m) {
  if (!controlled()) {
    if (recording())
      return recordMutexLock(m, TANGLE_RECORD_SITE);
    if (auto *real = real::pthread_mutex_lock)
      return real(m);
  }
  return otherMutexCall(
      OpKind::MutexLock, m,
      reinterpret_cast<uintptr_t>(__builtin_frame_address(0)));
}

TANGLE_INTERCEPTOR int pthread_mutex_trylock(pthread_mutex_t *m) {
  if (!controlled())
    return recording() ? recordMutexTryLock(m, TANGLE_RECORD_SITE)
                       : callReal(REAL(pthread_mutex_trylock), m);
  Stack stack;
  TANGLE_CALLER_STACK(stack);
  return mutexCall(OpKind::MutexTryLock, m, stack);
}

TANGLE_INTERCEPTOR int pthread_mutex_timedlock(pthread_mutex_t *m,
                                               const timespec *abstime) {
  if (!controlled())
    return recording() ? recordMutexTimedLock(m, CLOCK_REALTIME, abstime, false,
                                             TANGLE_RECORD_SITE)
                       : callReal(REAL(pthread_mutex_timedlock), m, abstime);
  Stack stack;
  TANGLE_CALLER_STACK(stack);
  return mutexCall(OpKind::MutexTimedLock, m, stack);
}

// std::timed_mutex's try_lock_for/try_lock_until (libstdc++, glibc >= 2.30).
TANGLE_INTERCEPTOR int pthread_mutex_clocklock(pthread_mutex_t *m,
                                               clockid_t clock,
                                               const timespec *abstime) {
  if (!controlled())
    return recording() ? recordMutexTimedLock(m, clock, abstime, true,
                                             TANGLE_RECORD_SITE)
                       : callReal(REAL(pthread_mutex_clocklock), m, clock,
                                  abstime);
  Stack stack;
  TANGLE_CALLER_STACK(stack);
  return mutexCall(OpKind::MutexTimedLock, m, stack);
}

TANGLE_INTERCEPTOR int pthread_mutex_unlock(pthread_mutex_t *m) {
  if (!controlled()) {
    if (recording())
      return recordMutexUnlock(m, TANGLE_RECORD_SITE);
    if (auto *real = real::pthread_mutex_unlock)
      return real(m);
  }
  return otherMutexCall(
      OpKind::MutexUnlock, m,
      reinterpret_cast<uintptr_t>(__builtin_frame_address(0)));
}

TANGLE_INTERCEPTOR int pthread_create(pthread_t *thread,
                                      const pthread_attr_t *attr,
                                      void *(*start)(void *), void *arg) {
  if (!controlled())
    return recording() ? recordThreadCreate(thread, attr, start, arg,
                                           TANGLE_RECORD_SITE)
                       : REAL(pthread_create)(thread, attr, start, arg);
  Stack stack;
  TANGLE_CALLER_STACK(stack);
  return createThread(thread, attr, start, arg, stack);
}

TANGLE_INTERCEPTOR int pthread_join(pthread_t thread, void **result) {
  if (!controlled())
    return recording() ? recordThreadJoin(thread, result, TANGLE_RECORD_SITE)
                       : REAL(pthread_join)(thread, result);
  Stack stack;
  TANGLE_CALLER_STACK(stack);
  return joinThread(thread, result, stack);
}

TANGLE_INTERCEPTOR int pthread_detach(pthread_t thread) {
  if (!controlled())
    return recording() ? recordThreadDetach(thread, TANGLE_RECORD_SITE)
                       : REAL(pthread_detach)(thread);
  Stack stack;
  TANGLE_CALLER_STACK(stack);
  return detachThread(thread, stack);
}

// The exit itself is posted by the thread-exit key destructor once the
// forced unwind has run the user's destructors; here we note the call site.
TANGLE_INTERCEPTOR void pthread_exit(void *result) {
  if (recording())
    recordThreadEnd(reinterpret_cast<uint64_t>(__builtin_return_address(0)));
  if (controlled()) {
    t_thread.exitStack = Stack();
    TANGLE_CALLER_STACK(t_thread.exitStack);
  }
  REAL(pthread_exit)(result);
  __builtin_unreachable();
}

// Cancellation is modelled, never executed (no SIGCANCEL is ever sent): a
// request marks the target in the Machine, which makes the target's next
// cancellation point (or, asynchronous, its next operation) return
// CancelActed; the target then exits through pthread_exit(PTHREAD_CANCELED)
// (controller.cpp), which runs its cleanup handlers and destructors as
// glibc's cancellation does.
TANGLE_INTERCEPTOR int pthread_cancel(pthread_t thread) {
  TANGLE_NOTE_UNWATCHED(Cancellation);
  if (!controlled())
    return REAL(pthread_cancel)(thread);
  Stack stack;
  TANGLE_CALLER_STACK(stack);
  return cancelThread(thread, stack);
}

TANGLE_INTERCEPTOR int pthread_setcancelstate(int state, int *old) {
  if (!controlled())
    return REAL(pthread_setcancelstate)(state, old);
  Stack stack;
  TANGLE_CALLER_STACK(stack);
  return setCancel(CancelSetState, state, old, stack);
}

TANGLE_INTERCEPTOR int pthread_setcanceltype(int type, int *old) {
  if (!controlled())
    return REAL(pthread_setcanceltype)(type, old);
  Stack stack;
  TANGLE_CALLER_STACK(stack);
  return setCancel(CancelSetType, type, old, stack);
}

TANGLE_INTERCEPTOR void pthread_testcancel() {
  if (!controlled())
    return REAL(pthread_testcancel)();
  Stack stack;
  TANGLE_CALLER_STACK(stack);
  Operation op;
  op.kind = OpKind::CancelTest;
  visible(op, stack);
}
