// Interceptors for pthread mutexes and threads: take the call and hand it to
// the runtime. Outside controlled mode each one is a check and a jump to
// the real function. In controlled mode mutexes are modelled, never
// executed: the result is the Machine's.
#include "runtime/controller.h"
#include "runtime/object_lifetime.h"
#include "runtime/pthread_objects.h"
#include "runtime/real_functions.h"
#include "runtime/record.h"
#include "runtime/record_mutex.h"
#include "runtime/reuse_worker.h"
#include "runtime/runtime_state.h"
#include "runtime/stack.h"
#include "runtime/threads.h"
#include "runtime/virtual_time.h"

#include <pthread.h>

#define TANGLE_INTERCEPTOR extern "C" __attribute__((visibility("default")))

// The mutex lock and unlock interceptors have record mode's hot path inline
// (one call level: docs/bench.md, "Record mode's overhead"). Without
// sibling calls (the runtime is built without them, for its stack walks)
// every path that calls would need a frame and saved registers, and GCC
// saves them on entry, for the hot path too: stores that delay the lock's
// or the unlock's atomic instruction. So these two allow sibling calls,
// and every call they make is a jump: the passthrough call of the real
// function, the controlled path (otherMutexCall) and record mode's slow
// paths (recordMutexLockJumped, recordMutexUnlockJumped, acquisitionEvent,
// releaseEndsSlow), which walk or record from their own frame, where the
// interceptor's was. Nothing walks from the interceptor's own frame, so it
// sets up none (omit-frame-pointer: no push of rbp before the unlock's
// exchange); the program's frame chain goes on through the callees.
#define TANGLE_JUMP_TO_REAL                                                    \
  __attribute__((optimize("optimize-sibling-calls", "omit-frame-pointer")))

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
/// line, reached by a jump from the interceptor (TANGLE_JUMP_TO_REAL): its
/// frame is where the interceptor's was, the caller's frame pointer and
/// return address above it, so the stack is walked from here.
__attribute__((noinline)) int otherMutexCall(OpKind kind, pthread_mutex_t *m) {
  if (!controlled())
    return kind == OpKind::MutexLock ? callReal(REAL(pthread_mutex_lock), m)
                                     : callReal(REAL(pthread_mutex_unlock), m);
  Stack stack;
  walkFrames(stack, reinterpret_cast<uintptr_t>(__builtin_frame_address(0)));
  return mutexCall(kind, m, stack);
}
} // namespace

TANGLE_INTERCEPTOR TANGLE_JUMP_TO_REAL int
pthread_mutex_lock(pthread_mutex_t *m) {
  if (!recording()) {
    if (!controlled())
      if (auto *real = real::pthread_mutex_lock)
        return real(m); // a jump
    return otherMutexCall(OpKind::MutexLock, m); // a jump
  }
  // Record mode's uncontended lock, inline (record_mutex.h, lockAndHold):
  // glibc's own trylock for a normal or adaptive mutex of a thread with a
  // number (its kernel id in the slot), and the acquisition, pending, in
  // the held records. Every other case (another kind of mutex, a lock the
  // trylock did not get, a thread without a number yet, a mutex it holds
  // already) jumps to recordMutexLockJumped, which tries the real trylock
  // and then waits. Only jumps leave this path, so no register is saved on
  // it: stores that would delay the lock's atomic instruction.
  rec::ThreadRecord *slot = t_record.slot;
  if (__builtin_expect(slot && inlineMutexKind(m) &&
                           lockAndHold(m, slot,
                                       reinterpret_cast<uint64_t>(
                                           __builtin_return_address(0))),
                       1))
    return 0;
  return recordMutexLockJumped(m); // a jump
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
  return afterTimedWait(mutexCall(OpKind::MutexTimedLock, m, stack),
                        CLOCK_REALTIME, abstime);
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
  return afterTimedWait(mutexCall(OpKind::MutexTimedLock, m, stack), clock,
                        abstime);
}

TANGLE_INTERCEPTOR TANGLE_JUMP_TO_REAL int
pthread_mutex_unlock(pthread_mutex_t *m) {
  if (recording()) {
    // Record mode's hot release, inline (record_mutex.h), with glibc's own
    // unlock of a normal or adaptive mutex; every other case jumps to
    // recordMutexUnlockJumped. Only jumps leave this path, as in the lock.
    uint64_t time;
    if (__builtin_expect(inlineMutexKind(m) && releaseBegins(m, time), 1)) {
      if (__builtin_expect(inlineUnlock(m), 0))
        return releaseWokeEnds(m, time); // a jump: a waiter to wake
      return releaseEnds(
          time, reinterpret_cast<uint64_t>(__builtin_return_address(0)));
    }
    return recordMutexUnlockJumped(m); // a jump
  }
  if (!controlled())
    if (auto *real = real::pthread_mutex_unlock)
      return real(m); // a jump
  return otherMutexCall(OpKind::MutexUnlock, m); // a jump
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
    recordThreadExitCall(
        reinterpret_cast<uint64_t>(__builtin_return_address(0)));
  if (controlled()) {
    t_thread.exitStack = Stack();
    TANGLE_CALLER_STACK(t_thread.exitStack);
  }
  if (controlled() && inPooledThread())
    exitPooledThread(result);
  if (t_thread.self == 0)
    refuseInWorker("pthread_exit in main, which would end the worker's main "
                   "thread");
  REAL(pthread_exit)(result);
  __builtin_unreachable();
}

// Fibers (runtime/fibers.h): every thread of the execution runs on main's
// OS thread, whose glibc descriptor the real pthread_self gives (read as
// glibc does, from the thread pointer: no lookup of the real function this
// early). A fiber's is its pooled thread's.
namespace {
pthread_t selfOfFiber() {
  pthread_t handle;
  if (fiberHandle(handle))
    return handle;
  uintptr_t self;
  asm("movq %%fs:16, %0" : "=r"(self)); // the TCB's `self`
  return pthread_t(self);
}

} // namespace

TANGLE_INTERCEPTOR pthread_t pthread_self(void) { return selfOfFiber(); }

// What glibc keeps per OS thread outside the thread-local block, in its
// descriptor: thread-specific data, the signal mask. A thread other than
// main using the first cannot run as a fiber, nor any thread setting the
// mask that every fiber would share.

TANGLE_INTERCEPTOR void *pthread_getspecific(pthread_key_t key) {
  refuseFibersBesideMain("thread-specific data (pthread_getspecific), which "
                         "glibc keeps per OS thread");
  return REAL(pthread_getspecific)(key);
}

TANGLE_INTERCEPTOR int pthread_setspecific(pthread_key_t key,
                                           const void *value) {
  refuseFibersBesideMain("thread-specific data (pthread_setspecific), which "
                         "glibc keeps per OS thread");
  return REAL(pthread_setspecific)(key, value);
}

TANGLE_INTERCEPTOR int pthread_sigmask(int how, const sigset_t *set,
                                       sigset_t *old) {
  if (set)
    refuseFibers("a signal mask set (pthread_sigmask), which is the OS "
                 "thread's");
  return REAL(pthread_sigmask)(how, set, old);
}

TANGLE_INTERCEPTOR int sigprocmask(int how, const sigset_t *set,
                                   sigset_t *old) {
  if (set)
    refuseFibers("a signal mask set (sigprocmask), which is the OS thread's");
  return REAL(sigprocmask)(how, set, old);
}

TANGLE_INTERCEPTOR int pthread_kill(pthread_t thread, int sig) {
  if (sig != 0)
    refuseFibers("a signal sent to a thread (pthread_kill)");
  return REAL(pthread_kill)(thread, sig);
}

// A destructor of thread-specific data runs as its thread ends; a reuse
// worker's pooled thread never ends (runtime/reuse_worker.h), so the
// runtime runs them as glibc would (threads.cpp).
TANGLE_INTERCEPTOR int pthread_key_create(pthread_key_t *key,
                                          void (*destructor)(void *)) {
  const int rc = REAL(pthread_key_create)(key, destructor);
  if (rc == 0)
    noteKeyDestructor(*key, destructor);
  return rc;
}

TANGLE_INTERCEPTOR int pthread_key_delete(pthread_key_t key) {
  const int rc = REAL(pthread_key_delete)(key);
  if (rc == 0)
    noteKeyDestructor(key, nullptr);
  return rc;
}

// C++ thread_local objects with a destructor register it here (through
// libstdc++'s __cxa_thread_atexit) as the thread first uses them. A pooled
// thread's run them as it ends (threads.cpp), not glibc.
TANGLE_INTERCEPTOR int __cxa_thread_atexit_impl(void (*destructor)(void *),
                                                void *object, void *dso) {
  if (controlled() && inPooledThread()) {
    if (addThreadAtExit(destructor, object))
      return 0;
    refuseControlledInWorker("more thread_local destructors than a pooled "
                             "thread keeps");
  }
  return REAL(__cxa_thread_atexit_impl)(destructor, object, dso);
}

// pthread_cleanup_push and pop, the C form (without exceptions): whether
// pthread_exit needs glibc's unwinding to run a handler (threads.cpp).
TANGLE_INTERCEPTOR void __pthread_register_cancel(__pthread_unwind_buf_t *buf) {
  noteCleanupBuffer(true);
  REAL(__pthread_register_cancel)(buf);
}

TANGLE_INTERCEPTOR void
__pthread_unregister_cancel(__pthread_unwind_buf_t *buf) {
  noteCleanupBuffer(false);
  REAL(__pthread_unregister_cancel)(buf);
}

// A signal's disposition is the kernel's, not memory: a handler the program
// installs would still be there in a reuse worker's next execution, before
// the program installs it (a crash there would reach the program's handler,
// not tangle's). Such an execution ends its worker. Asking (no new action)
// changes nothing.
TANGLE_INTERCEPTOR int sigaction(int signal, const struct sigaction *action,
                                 struct sigaction *old) {
  if (action)
    taintWorker("sigaction, a disposition a rewind cannot put back");
  return REAL(sigaction)(signal, action, old);
}

TANGLE_INTERCEPTOR sighandler_t signal(int signal, sighandler_t handler) {
  taintWorker("signal, a disposition a rewind cannot put back");
  return REAL(signal)(signal, handler);
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
