// Interceptors for C11 <threads.h>: thrd_*, mtx_*, cnd_* and call_once.
// glibc builds them on its pthread internals without going through the
// exported pthread functions, so they need their own interceptors; each one
// is modelled exactly as its pthread counterpart (pthread_objects.h): the
// same operations on the same objects, created through the same path
// (threads.h). thrd_t is a pthread_t. tss_* (thread-specific storage)
// synchronise nothing and pass through, as pthread keys do. In record mode
// (`tangle run`) each is recorded as its pthread counterpart too (record.h):
// an mtx_t is a pthread_mutex_t and a cnd_t a pthread_cond_t in glibc.
#include "runtime/controller.h"
#include "runtime/pthread_objects.h"
#include "runtime/real_functions.h"
#include "runtime/record.h"
#include "runtime/reuse_worker.h"
#include "runtime/runtime_state.h"
#include "runtime/stack.h"
#include "runtime/threads.h"
#include "runtime/virtual_time.h"

#include <cerrno>
#include <threads.h>

#define TANGLE_INTERCEPTOR extern "C" __attribute__((visibility("default")))

using namespace tangle;
using namespace tangle::rt;

namespace {

/// C11's answer for the Machine's errno value.
int c11Result(int32_t error) {
  switch (error) {
  case 0:
    return thrd_success;
  case EBUSY:
    return thrd_busy;
  case ETIMEDOUT:
    return thrd_timedout;
  default:
    return thrd_error;
  }
}

pthread_mutex_t *asMutex(mtx_t *m) {
  return reinterpret_cast<pthread_mutex_t *>(m);
}
pthread_cond_t *asCondition(cnd_t *c) {
  return reinterpret_cast<pthread_cond_t *>(c);
}

int mutexStep(OpKind kind, mtx_t *m, const Stack &stack) {
  return c11Result(mutexCall(kind, asMutex(m), stack));
}

Operation conditionOp(OpKind kind, cnd_t *c) {
  Operation op;
  op.kind = kind;
  op.object = reinterpret_cast<uintptr_t>(c);
  return op;
}

} // namespace

// Each controlled interceptor: the caller's stack, then the modelled call.
#define TANGLE_C11(call)                                                       \
  do {                                                                         \
    Stack stack;                                                               \
    TANGLE_CALLER_STACK(stack);                                                \
    return call;                                                               \
  } while (0)

// Threads: glibc's own thrd_create calls pthread_create with the start
// routine cast the same way, and thrd_join reads the int back from the
// void * it returns.
TANGLE_INTERCEPTOR int thrd_create(thrd_t *thread, thrd_start_t start,
                                   void *arg) {
  // (Through void (*)(): a cast between function types the compiler
  // accepts as deliberate.)
  auto routine =
      reinterpret_cast<void *(*)(void *)>(reinterpret_cast<void (*)()>(start));
  if (recording())
    return c11Result(
        recordThreadCreate(thread, nullptr, routine, arg, TANGLE_RECORD_SITE));
  if (!controlled())
    return REAL(thrd_create)(thread, start, arg);
  TANGLE_C11(c11Result(createThread(thread, nullptr, routine, arg, stack)));
}

TANGLE_INTERCEPTOR int thrd_join(thrd_t thread, int *result) {
  if (recording()) {
    void *value = nullptr;
    int rc = recordThreadJoin(thread, &value, TANGLE_RECORD_SITE);
    if (rc == 0 && result)
      *result = int(reinterpret_cast<intptr_t>(value));
    return c11Result(rc);
  }
  if (!controlled())
    return REAL(thrd_join)(thread, result);
  Stack stack;
  TANGLE_CALLER_STACK(stack);
  void *value = nullptr;
  int rc = joinThread(thread, &value, stack);
  if (rc == 0 && result)
    *result = int(reinterpret_cast<intptr_t>(value));
  return c11Result(rc);
}

TANGLE_INTERCEPTOR int thrd_detach(thrd_t thread) {
  if (recording())
    return c11Result(recordThreadDetach(thread, TANGLE_RECORD_SITE));
  if (!controlled())
    return REAL(thrd_detach)(thread);
  TANGLE_C11(c11Result(detachThread(thread, stack)));
}

// As pthread_key_create (intercept_pthread.cpp): glibc's tss_create does
// not call it where the runtime would see it.
TANGLE_INTERCEPTOR int tss_create(tss_t *key, tss_dtor_t destructor) {
  const int rc = REAL(tss_create)(key, destructor);
  if (rc == thrd_success)
    noteKeyDestructor(pthread_key_t(*key), destructor);
  return rc;
}

// As pthread_self and pthread_getspecific (intercept_pthread.cpp): glibc's
// thrd_current, tss_get and tss_set do not call those where the runtime
// would see it.
TANGLE_INTERCEPTOR thrd_t thrd_current(void) { return thrd_t(pthread_self()); }

TANGLE_INTERCEPTOR void *tss_get(tss_t key) {
  refuseFibersBesideMain("thread-specific data (tss_get), which glibc keeps "
                         "per OS thread");
  return REAL(tss_get)(key);
}

TANGLE_INTERCEPTOR int tss_set(tss_t key, void *value) {
  refuseFibersBesideMain("thread-specific data (tss_set), which glibc keeps "
                         "per OS thread");
  return REAL(tss_set)(key, value);
}

TANGLE_INTERCEPTOR void tss_delete(tss_t key) {
  REAL(tss_delete)(key);
  noteKeyDestructor(pthread_key_t(key), nullptr);
}

TANGLE_INTERCEPTOR void thrd_exit(int result) {
  // As pthread_exit: the exit is posted once the thread's destructors ran.
  if (recording())
    recordThreadExitCall(
        reinterpret_cast<uint64_t>(__builtin_return_address(0)));
  if (controlled()) {
    t_thread.exitStack = Stack();
    TANGLE_CALLER_STACK(t_thread.exitStack);
  }
  if (controlled() && inPooledThread())
    exitPooledThread(reinterpret_cast<void *>(intptr_t(result)));
  if (t_thread.self == 0)
    refuseInWorker("thrd_exit in main, which would end the worker's main "
                   "thread");
  REAL(pthread_exit)(reinterpret_cast<void *>(intptr_t(result)));
  __builtin_unreachable();
}

TANGLE_INTERCEPTOR void thrd_yield() {
  if (!controlled())
    return REAL(thrd_yield)();
  Stack stack;
  TANGLE_CALLER_STACK(stack);
  yieldStep(stack);
}

TANGLE_INTERCEPTOR int thrd_sleep(const timespec *duration,
                                  timespec *remaining) {
  if (recording()) {
    int rc = REAL(thrd_sleep)(duration, remaining);
    recordSleep(duration ? uint64_t(duration->tv_sec) * 1000000000ull +
                               uint64_t(duration->tv_nsec)
                         : 0,
                rc, uint64_t(__builtin_return_address(0)));
    return rc;
  }
  if (!controlled())
    return REAL(thrd_sleep)(duration, remaining);
  // duration may be remaining
  uint64_t length = duration ? uint64_t(duration->tv_sec) * 1000000000ull +
                                   uint64_t(duration->tv_nsec)
                             : 0;
  if (remaining)
    *remaining = timespec{};
  Stack stack;
  TANGLE_CALLER_STACK(stack);
  int rc = yieldStep(stack, true);
  clockSleep(length);
  return rc;
}

// Mutexes: mtx_init sets glibc's __kind (mtx_plain and mtx_timed are
// normal mutexes, with mtx_recursive recursive), which the model reads.
TANGLE_INTERCEPTOR int mtx_init(mtx_t *m, int type) {
  int rc = REAL(mtx_init)(m, type);
  if (!controlled() || rc != thrd_success)
    return rc;
  TANGLE_C11(mutexStep(OpKind::MutexInit, m, stack));
}

TANGLE_INTERCEPTOR void mtx_destroy(mtx_t *m) {
  if (!controlled())
    return REAL(mtx_destroy)(m);
  Stack stack;
  TANGLE_CALLER_STACK(stack);
  mutexStep(OpKind::MutexDestroy, m, stack);
}

TANGLE_INTERCEPTOR int mtx_lock(mtx_t *m) {
  if (recording())
    return c11Result(recordMutexLock(asMutex(m), TANGLE_RECORD_SITE));
  if (!controlled())
    return REAL(mtx_lock)(m);
  TANGLE_C11(mutexStep(OpKind::MutexLock, m, stack));
}

TANGLE_INTERCEPTOR int mtx_trylock(mtx_t *m) {
  if (recording())
    return c11Result(recordMutexTryLock(asMutex(m), TANGLE_RECORD_SITE));
  if (!controlled())
    return REAL(mtx_trylock)(m);
  TANGLE_C11(mutexStep(OpKind::MutexTryLock, m, stack));
}

TANGLE_INTERCEPTOR int mtx_timedlock(mtx_t *m, const timespec *until) {
  if (recording())
    return c11Result(recordMutexTimedLock(asMutex(m), CLOCK_REALTIME, until,
                                          false, TANGLE_RECORD_SITE));
  if (!controlled())
    return REAL(mtx_timedlock)(m, until);
  Stack stack;
  TANGLE_CALLER_STACK(stack);
  return c11Result(
      afterTimedWait(mutexCall(OpKind::MutexTimedLock, asMutex(m), stack),
                     CLOCK_REALTIME, until));
}

TANGLE_INTERCEPTOR int mtx_unlock(mtx_t *m) {
  if (recording())
    return c11Result(recordMutexUnlock(asMutex(m), TANGLE_RECORD_SITE));
  if (!controlled())
    return REAL(mtx_unlock)(m);
  TANGLE_C11(mutexStep(OpKind::MutexUnlock, m, stack));
}

// Conditions.
TANGLE_INTERCEPTOR int cnd_init(cnd_t *c) {
  int rc = REAL(cnd_init)(c);
  if (!controlled() || rc != thrd_success)
    return rc;
  TANGLE_C11(c11Result(visible(conditionOp(OpKind::CondInit, c), stack)));
}

TANGLE_INTERCEPTOR void cnd_destroy(cnd_t *c) {
  if (!controlled())
    return REAL(cnd_destroy)(c);
  Stack stack;
  TANGLE_CALLER_STACK(stack);
  visible(conditionOp(OpKind::CondDestroy, c), stack);
}

TANGLE_INTERCEPTOR int cnd_signal(cnd_t *c) {
  if (recording())
    return c11Result(recordCondWake(OpKind::CondSignal, asCondition(c),
                                    TANGLE_RECORD_SITE));
  if (!controlled())
    return REAL(cnd_signal)(c);
  TANGLE_C11(c11Result(visible(conditionOp(OpKind::CondSignal, c), stack)));
}

TANGLE_INTERCEPTOR int cnd_broadcast(cnd_t *c) {
  if (recording())
    return c11Result(recordCondWake(OpKind::CondBroadcast, asCondition(c),
                                    TANGLE_RECORD_SITE));
  if (!controlled())
    return REAL(cnd_broadcast)(c);
  TANGLE_C11(c11Result(visible(conditionOp(OpKind::CondBroadcast, c), stack)));
}

TANGLE_INTERCEPTOR int cnd_wait(cnd_t *c, mtx_t *m) {
  if (recording())
    return c11Result(recordCondWait(asCondition(c), asMutex(m), CLOCK_REALTIME,
                                    nullptr, 0, TANGLE_RECORD_SITE));
  if (!controlled())
    return REAL(cnd_wait)(c, m);
  TANGLE_C11(
      c11Result(conditionWait(asCondition(c), asMutex(m), false, stack)));
}

TANGLE_INTERCEPTOR int cnd_timedwait(cnd_t *c, mtx_t *m,
                                     const timespec *until) {
  if (recording())
    return c11Result(recordCondWait(asCondition(c), asMutex(m), CLOCK_REALTIME,
                                    until, 1, TANGLE_RECORD_SITE));
  if (!controlled())
    return REAL(cnd_timedwait)(c, m, until);
  if (invalidTime(until))
    return thrd_error;
  Stack stack;
  TANGLE_CALLER_STACK(stack);
  return c11Result(
      afterTimedWait(conditionWait(asCondition(c), asMutex(m), true, stack),
                     CLOCK_REALTIME, until));
}

// call_once: a once_flag is a pthread_once_t.
TANGLE_INTERCEPTOR void call_once(once_flag *flag, void (*routine)()) {
  if (recording()) {
    recordOnce(reinterpret_cast<pthread_once_t *>(flag), routine,
               TANGLE_RECORD_SITE);
    return;
  }
  if (!controlled())
    return REAL(call_once)(flag, routine);
  Stack stack;
  TANGLE_CALLER_STACK(stack);
  onceCall(reinterpret_cast<pthread_once_t *>(flag), routine, stack);
}
