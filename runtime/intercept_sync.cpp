// Interceptors for the blocking primitives besides mutexes: conditions,
// semaphores, barriers, rwlocks, spinlocks, pthread_once, and sleeps. As for
// mutexes, in controlled mode they are modelled, never executed (a blocked
// thread is simply not scheduled); the result is the Machine's. A condition
// or barrier wait is two visible operations (see model/objects/).
#include "model/machine.h"
#include "runtime/controller.h"
#include "runtime/futexes.h"
#include "runtime/object_lifetime.h"
#include "runtime/pthread_objects.h"
#include "runtime/real_functions.h"
#include "runtime/record.h"
#include "runtime/runtime_state.h"
#include "runtime/stack.h"
#include "runtime/virtual_time.h"

#include <cerrno>
#include <cstring>
#include <dlfcn.h>
#include <pthread.h>
#include <sched.h>
#include <semaphore.h>
#include <time.h>
#include <unistd.h>

#define TANGLE_INTERCEPTOR extern "C" __attribute__((visibility("default")))

using namespace tangle;
using namespace tangle::rt;

namespace {

Operation op(OpKind kind, const void *object, uint64_t arg = 0,
             uint16_t flags = 0) {
  Operation o;
  o.kind = kind;
  o.flags = flags;
  o.object = reinterpret_cast<uintptr_t>(object);
  o.arg = arg;
  return o;
}

uint64_t addr(const void *p) { return reinterpret_cast<uintptr_t>(p); }

int condWait(pthread_cond_t *c, pthread_mutex_t *m, bool timed,
             const Stack &stack) {
  return conditionWait(c, m, timed, stack);
}

/// A spinlock is a normal mutex in the model: spinning is blocking.
Operation spinOp(OpKind kind, pthread_spinlock_t *s) {
  return op(kind, (const void *)(uintptr_t)(s), uint64_t(MutexType::Normal));
}

int yield(const Stack &stack, bool sleep = false) {
  return yieldStep(stack, sleep);
}

} // namespace

// Both steps of a wait carry the caller's stack.
int tangle::rt::conditionWait(pthread_cond_t *c, pthread_mutex_t *m, bool timed,
                              const Stack &stack) {
  int r = lifetimeStep(ObjectKind::Condition, c,
                       op(OpKind::CondWait, c, addr(m), timed ? CondTimed : 0),
                       stack);
  if (r != 0) // a destroyed condition: no wait
    return r;
  return visible(op(OpKind::CondWake, c, addr(m)), stack);
}

int tangle::rt::yieldStep(const Stack &stack, bool sleep) {
  // A sleep is a cancellation point; sched_yield is not.
  return visible(op(OpKind::Yield, nullptr, 0, sleep ? YieldSleep : 0),
                 stack);
}

// Each controlled interceptor: the caller's stack, then one visible step.
#define TANGLE_VISIBLE(operation)                                              \
  do {                                                                         \
    Stack stack;                                                               \
    TANGLE_CALLER_STACK(stack);                                                \
    return visible(operation, stack);                                          \
  } while (0)

// The same for an object whose lifetime is checked (object_lifetime.h).
#define TANGLE_OBJECT(kind, object, operation)                                 \
  do {                                                                         \
    Stack stack;                                                               \
    TANGLE_CALLER_STACK(stack);                                                \
    return lifetimeStep(ObjectKind::kind, object, operation, stack);           \
  } while (0)

// The same for a timed wait: a timeout moves the thread's clock to the
// deadline (virtual_time.h).
#define TANGLE_TIMED_OBJECT(kind, object, operation, clock, deadline)          \
  do {                                                                         \
    Stack stack;                                                               \
    TANGLE_CALLER_STACK(stack);                                                \
    return afterTimedWait(                                                     \
        lifetimeStep(ObjectKind::kind, object, operation, stack), clock,       \
        deadline);                                                             \
  } while (0)

// Before main, objects initialised for real are marked initialised.
namespace {
bool beforeMain() { return !controlled() && g_runtime.mode == Mode::Server; }
} // namespace

// Conditions. The default (GLIBC_2.3.2) versions are the ones dlsym finds
// and the ones programs and libstdc++ link against.
TANGLE_INTERCEPTOR int pthread_cond_init(pthread_cond_t *c,
                                         const pthread_condattr_t *attr) {
  int rc = REAL(pthread_cond_init)(c, attr);
  if (!controlled() || rc != 0)
    return rc;
  TANGLE_OBJECT(Condition, c, op(OpKind::CondInit, c));
}

TANGLE_INTERCEPTOR int pthread_cond_destroy(pthread_cond_t *c) {
  if (!controlled())
    return REAL(pthread_cond_destroy)(c);
  TANGLE_OBJECT(Condition, c, op(OpKind::CondDestroy, c));
}

TANGLE_INTERCEPTOR int pthread_cond_wait(pthread_cond_t *c,
                                         pthread_mutex_t *m) {
  if (!controlled())
    return recording() ? recordCondWait(c, m, CLOCK_REALTIME, nullptr, 0,
                                       TANGLE_RECORD_SITE)
                       : REAL(pthread_cond_wait)(c, m);
  Stack stack;
  TANGLE_CALLER_STACK(stack);
  return condWait(c, m, false, stack);
}

namespace {
// The clock of a condition's timed waits (pthread_condattr_setclock): glibc
// marks CLOCK_MONOTONIC in a bit of __wrefs at init.
clockid_t conditionClock(const pthread_cond_t *c) {
  return c->__data.__wrefs & 2 ? CLOCK_MONOTONIC : CLOCK_REALTIME;
}
} // namespace

// glibc checks the time before anything else: tv_nsec out of range is
// EINVAL, and the call neither releases the mutex nor waits.
bool tangle::rt::invalidTime(const timespec *time) {
  return time && (time->tv_nsec < 0 || time->tv_nsec >= 1000000000);
}

TANGLE_INTERCEPTOR int pthread_cond_timedwait(pthread_cond_t *c,
                                              pthread_mutex_t *m,
                                              const timespec *abstime) {
  if (!controlled())
    return recording() ? recordCondWait(c, m, CLOCK_REALTIME, abstime, 1,
                                       TANGLE_RECORD_SITE)
                       : REAL(pthread_cond_timedwait)(c, m, abstime);
  if (invalidTime(abstime))
    return EINVAL;
  Stack stack;
  TANGLE_CALLER_STACK(stack);
  return afterTimedWait(condWait(c, m, true, stack), conditionClock(c),
                        abstime);
}

// std::condition_variable::wait_for/wait_until (libstdc++, glibc >= 2.30).
TANGLE_INTERCEPTOR int pthread_cond_clockwait(pthread_cond_t *c,
                                              pthread_mutex_t *m,
                                              clockid_t clock,
                                              const timespec *abstime) {
  if (!controlled())
    return recording() ? recordCondWait(c, m, clock, abstime, 2,
                                       TANGLE_RECORD_SITE)
                       : REAL(pthread_cond_clockwait)(c, m, clock, abstime);
  if (invalidTime(abstime) ||
      (clock != CLOCK_REALTIME && clock != CLOCK_MONOTONIC))
    return EINVAL;
  Stack stack;
  TANGLE_CALLER_STACK(stack);
  return afterTimedWait(condWait(c, m, true, stack), clock, abstime);
}

TANGLE_INTERCEPTOR int pthread_cond_signal(pthread_cond_t *c) {
  if (!controlled())
    return recording() ? recordCondWake(OpKind::CondSignal, c, TANGLE_RECORD_SITE)
                       : REAL(pthread_cond_signal)(c);
  TANGLE_OBJECT(Condition, c, op(OpKind::CondSignal, c));
}

TANGLE_INTERCEPTOR int pthread_cond_broadcast(pthread_cond_t *c) {
  if (!controlled())
    return recording()
               ? recordCondWake(OpKind::CondBroadcast, c, TANGLE_RECORD_SITE)
               : REAL(pthread_cond_broadcast)(c);
  TANGLE_OBJECT(Condition, c, op(OpKind::CondBroadcast, c));
}

// Semaphores (unnamed). The Machine's answers are errno values; the API
// returns -1 and sets errno.
namespace {
int semResult(int32_t r) {
  if (r == 0)
    return 0;
  errno = r;
  return -1;
}

int semTimedWait(sem_t *s, clockid_t clock, const timespec *abstime,
                 const Stack &stack) {
  int32_t r = lifetimeStep(ObjectKind::Semaphore, s,
                           op(OpKind::SemTimedWait, s), stack);
  return semResult(afterTimedWait(r, clock, abstime));
}
} // namespace

TANGLE_INTERCEPTOR int sem_init(sem_t *s, int pshared, unsigned value) {
  int rc = REAL(sem_init)(s, pshared, value);
  if (rc == 0 && beforeMain())
    markInitialized(ObjectKind::Semaphore, s);
  if (!controlled() || rc != 0)
    return rc;
  Stack stack;
  TANGLE_CALLER_STACK(stack);
  return semResult(lifetimeStep(ObjectKind::Semaphore, s,
                                op(OpKind::SemInit, s, value), stack));
}

TANGLE_INTERCEPTOR int sem_destroy(sem_t *s) {
  if (!controlled())
    return REAL(sem_destroy)(s);
  Stack stack;
  TANGLE_CALLER_STACK(stack);
  return semResult(
      lifetimeStep(ObjectKind::Semaphore, s, op(OpKind::SemDestroy, s), stack));
}

TANGLE_INTERCEPTOR int sem_wait(sem_t *s) {
  if (!controlled())
    return recording() ? recordSemWait(s, OpKind::SemWait, CLOCK_REALTIME,
                                      nullptr, 0, TANGLE_RECORD_SITE)
                       : REAL(sem_wait)(s);
  Stack stack;
  TANGLE_CALLER_STACK(stack);
  return semResult(
      lifetimeStep(ObjectKind::Semaphore, s, op(OpKind::SemWait, s), stack));
}

TANGLE_INTERCEPTOR int sem_trywait(sem_t *s) {
  if (!controlled())
    return recording() ? recordSemWait(s, OpKind::SemTryWait, CLOCK_REALTIME,
                                      nullptr, 3, TANGLE_RECORD_SITE)
                       : REAL(sem_trywait)(s);
  Stack stack;
  TANGLE_CALLER_STACK(stack);
  return semResult(
      lifetimeStep(ObjectKind::Semaphore, s, op(OpKind::SemTryWait, s), stack));
}

TANGLE_INTERCEPTOR int sem_timedwait(sem_t *s, const timespec *abstime) {
  if (!controlled())
    return recording() ? recordSemWait(s, OpKind::SemTimedWait, CLOCK_REALTIME,
                                      abstime, 1, TANGLE_RECORD_SITE)
                       : REAL(sem_timedwait)(s, abstime);
  Stack stack;
  TANGLE_CALLER_STACK(stack);
  return semTimedWait(s, CLOCK_REALTIME, abstime, stack);
}

TANGLE_INTERCEPTOR int sem_clockwait(sem_t *s, clockid_t clock,
                                     const timespec *abstime) {
  if (!controlled())
    return recording() ? recordSemWait(s, OpKind::SemTimedWait, clock, abstime,
                                      2, TANGLE_RECORD_SITE)
                       : REAL(sem_clockwait)(s, clock, abstime);
  Stack stack;
  TANGLE_CALLER_STACK(stack);
  return semTimedWait(s, clock, abstime, stack);
}

TANGLE_INTERCEPTOR int sem_post(sem_t *s) {
  if (!controlled())
    return recording() ? recordSemPost(s, TANGLE_RECORD_SITE) : REAL(sem_post)(s);
  Stack stack;
  TANGLE_CALLER_STACK(stack);
  return semResult(
      lifetimeStep(ObjectKind::Semaphore, s, op(OpKind::SemPost, s), stack));
}

TANGLE_INTERCEPTOR int sem_getvalue(sem_t *s, int *value) {
  if (!controlled())
    return REAL(sem_getvalue)(s, value);
  Stack stack;
  TANGLE_CALLER_STACK(stack);
  int32_t r =
      lifetimeStep(ObjectKind::Semaphore, s, op(OpKind::SemGetValue, s), stack);
  if (r < 0) { // an uninitialised or destroyed semaphore
    errno = -r;
    return -1;
  }
  *value = r;
  return 0;
}

// Barriers.
TANGLE_INTERCEPTOR int pthread_barrier_init(pthread_barrier_t *b,
                                            const pthread_barrierattr_t *attr,
                                            unsigned count) {
  if (!controlled()) {
    int rc = REAL(pthread_barrier_init)(b, attr, count);
    if (rc == 0 && beforeMain())
      markInitialized(ObjectKind::Barrier, b);
    return rc;
  }
  // (A count of 0 fails with EINVAL, as in glibc: the barrier stays
  // uninitialised.)
  TANGLE_OBJECT(Barrier, b, op(OpKind::BarrierInit, b, count));
}

TANGLE_INTERCEPTOR int pthread_barrier_destroy(pthread_barrier_t *b) {
  if (!controlled())
    return REAL(pthread_barrier_destroy)(b);
  TANGLE_OBJECT(Barrier, b, op(OpKind::BarrierDestroy, b));
}

TANGLE_INTERCEPTOR int pthread_barrier_wait(pthread_barrier_t *b) {
  if (!controlled())
    return recording() ? recordBarrierWait(b, TANGLE_RECORD_SITE)
                       : REAL(pthread_barrier_wait)(b);
  Stack stack;
  TANGLE_CALLER_STACK(stack);
  int serial =
      lifetimeStep(ObjectKind::Barrier, b, op(OpKind::BarrierWait, b), stack);
  if (serial == EINVAL) // an uninitialised or destroyed barrier: no wait
    return serial;
  visible(op(OpKind::BarrierLeave, b), stack);
  return serial;
}

// Read-write locks.
namespace {
int recordRw(OpKind kind, pthread_rwlock_t *rw, uint64_t pc, uintptr_t fp) {
  switch (kind) {
  case OpKind::RwUnlock:
    return recordRwUnlock(rw, pc, fp);
  case OpKind::RwRdLock:
  case OpKind::RwWrLock:
    return recordRwLock(rw, kind, CLOCK_REALTIME, nullptr, 0, pc, fp);
  case OpKind::RwTryRdLock:
  case OpKind::RwTryWrLock:
    return recordRwLock(rw, kind, CLOCK_REALTIME, nullptr, 3, pc, fp);
  default: {
    int rc = REAL(pthread_rwlock_destroy)(rw);
    recordOperation(kind, addr(rw), 0, rc, pc);
    return rc;
  }
  }
}
} // namespace

#define TANGLE_RWLOCK(name, kind, ...)                                         \
  TANGLE_INTERCEPTOR int name(pthread_rwlock_t *rw) {                          \
    if (!controlled())                                                         \
      return recording() ? recordRw(OpKind::kind, rw, TANGLE_RECORD_SITE)      \
                         : REAL(name)(rw);                                     \
    TANGLE_OBJECT(RwLock, rw, op(OpKind::kind, rw));                           \
  }
TANGLE_RWLOCK(pthread_rwlock_destroy, RwDestroy)
TANGLE_RWLOCK(pthread_rwlock_rdlock, RwRdLock)
TANGLE_RWLOCK(pthread_rwlock_tryrdlock, RwTryRdLock)
TANGLE_RWLOCK(pthread_rwlock_wrlock, RwWrLock)
TANGLE_RWLOCK(pthread_rwlock_trywrlock, RwTryWrLock)
TANGLE_RWLOCK(pthread_rwlock_unlock, RwUnlock)
#undef TANGLE_RWLOCK

TANGLE_INTERCEPTOR int pthread_rwlock_init(pthread_rwlock_t *rw,
                                           const pthread_rwlockattr_t *attr) {
  int rc = REAL(pthread_rwlock_init)(rw, attr);
  if (rc == 0 && beforeMain())
    markInitialized(ObjectKind::RwLock, rw);
  if (!controlled() || rc != 0)
    return rc;
  TANGLE_OBJECT(RwLock, rw, op(OpKind::RwInit, rw));
}

TANGLE_INTERCEPTOR int pthread_rwlock_timedrdlock(pthread_rwlock_t *rw,
                                                  const timespec *abstime) {
  if (!controlled())
    return recording()
               ? recordRwLock(rw, OpKind::RwTimedRdLock, CLOCK_REALTIME, abstime,
                              1, TANGLE_RECORD_SITE)
               : REAL(pthread_rwlock_timedrdlock)(rw, abstime);
  TANGLE_TIMED_OBJECT(RwLock, rw, op(OpKind::RwTimedRdLock, rw), CLOCK_REALTIME,
                      abstime);
}

TANGLE_INTERCEPTOR int pthread_rwlock_timedwrlock(pthread_rwlock_t *rw,
                                                  const timespec *abstime) {
  if (!controlled())
    return recording()
               ? recordRwLock(rw, OpKind::RwTimedWrLock, CLOCK_REALTIME, abstime,
                              1, TANGLE_RECORD_SITE)
               : REAL(pthread_rwlock_timedwrlock)(rw, abstime);
  TANGLE_TIMED_OBJECT(RwLock, rw, op(OpKind::RwTimedWrLock, rw), CLOCK_REALTIME,
                      abstime);
}

// std::shared_timed_mutex's timed forms (glibc >= 2.30).
TANGLE_INTERCEPTOR int pthread_rwlock_clockrdlock(pthread_rwlock_t *rw,
                                                  clockid_t clock,
                                                  const timespec *abstime) {
  if (!controlled())
    return recording() ? recordRwLock(rw, OpKind::RwTimedRdLock, clock, abstime,
                                     2, TANGLE_RECORD_SITE)
                       : REAL(pthread_rwlock_clockrdlock)(rw, clock, abstime);
  TANGLE_TIMED_OBJECT(RwLock, rw, op(OpKind::RwTimedRdLock, rw), clock,
                      abstime);
}

TANGLE_INTERCEPTOR int pthread_rwlock_clockwrlock(pthread_rwlock_t *rw,
                                                  clockid_t clock,
                                                  const timespec *abstime) {
  if (!controlled())
    return recording() ? recordRwLock(rw, OpKind::RwTimedWrLock, clock, abstime,
                                     2, TANGLE_RECORD_SITE)
                       : REAL(pthread_rwlock_clockwrlock)(rw, clock, abstime);
  TANGLE_TIMED_OBJECT(RwLock, rw, op(OpKind::RwTimedWrLock, rw), clock,
                      abstime);
}

// Spinlocks: normal mutexes in the model.
TANGLE_INTERCEPTOR int pthread_spin_init(pthread_spinlock_t *s, int pshared) {
  int rc = REAL(pthread_spin_init)(s, pshared);
  if (!controlled() || rc != 0)
    return rc;
  TANGLE_VISIBLE(spinOp(OpKind::MutexInit, s));
}

// Record mode records them as normal mutexes (record.h).
#define TANGLE_SPIN(name, kind)                                                \
  TANGLE_INTERCEPTOR int name(pthread_spinlock_t *s) {                         \
    if (!controlled())                                                         \
      return recording() && OpKind::kind != OpKind::MutexDestroy               \
                 ? recordSpin(s, OpKind::kind, TANGLE_RECORD_SITE)             \
                 : REAL(name)(s);                                              \
    TANGLE_VISIBLE(spinOp(OpKind::kind, s));                                   \
  }
TANGLE_SPIN(pthread_spin_destroy, MutexDestroy)
TANGLE_SPIN(pthread_spin_lock, MutexLock)
TANGLE_SPIN(pthread_spin_trylock, MutexTryLock)
TANGLE_SPIN(pthread_spin_unlock, MutexUnlock)
#undef TANGLE_SPIN

// pthread_once (and std::call_once): the first caller runs the routine
// between OnceEnter and OnceDone; the others wait in OnceEnter.
// Calls from the system's libraries (libgcc_s loading its unwinder during
// pthread_exit, libc) are theirs, not the program's: they pass through.
namespace {
bool fromSystemLibrary(uint64_t pc) {
  // No frame at all: code built without frame pointers, not the program.
  if (pc == 0)
    return true;
  Dl_info info;
  if (!dladdr(reinterpret_cast<void *>(pc), &info) || !info.dli_fname)
    return false;
  return strncmp(info.dli_fname, "/lib", 4) == 0 ||
         strncmp(info.dli_fname, "/usr/lib", 8) == 0;
}
} // namespace

TANGLE_INTERCEPTOR int pthread_once(pthread_once_t *once, void (*routine)()) {
  if (recording() && !fromSystemLibrary(uint64_t(__builtin_return_address(0))))
    return recordOnce(once, routine, TANGLE_RECORD_SITE);
  if (!controlled())
    return REAL(pthread_once)(once, routine);
  Stack stack;
  TANGLE_CALLER_STACK(stack);
  if (fromSystemLibrary(stack.frames[0]))
    return REAL(pthread_once)(once, routine);
  return onceCall(once, routine, stack);
}

// The once's word holds glibc's values, which the real pthread_once would
// have left: 0 new (PTHREAD_ONCE_INIT), 1 while the routine runs, 2 done.
// A 0 where the model has a done once is a new object at that address: its
// memory was freed and a once_flag constructed there again (each
// std::promise and packaged_task has one in its shared state), and its
// first caller runs the routine (OnceFresh).
//
// A routine that throws (std::call_once's "exceptional execution") or whose
// thread is cancelled in it leaves the once not done, and the next caller
// runs it. The exception passes through the runtime's frames, which have
// no clean-up of their own (the runtime's static unwinder cannot resume
// the program's: docs/runtime.md). So the routine runs inside glibc's own
// pthread_once, on a once control of the thread's (t_onces): glibc's
// clean-up resets that control to 0 when the routine does not return. The
// thread's next visible operation finds it so and first posts the
// abandoned OnceDone (abandonEscapedOnces).
namespace {
constexpr uint32_t OnceWordNew = 0, OnceWordRunning = 1, OnceWordDone = 2;

uint16_t onceFreshness(uint32_t word) {
  return word == OnceWordNew ? OnceFresh : 0;
}

struct RunningOnce {
  pthread_once_t *once;   // the program's
  pthread_once_t control; // glibc's, for this run of the routine
};
constexpr int MaxNestedOnces = 16;
__thread RunningOnce t_onces[MaxNestedOnces]
    __attribute__((tls_model("initial-exec")));
} // namespace

__thread int tangle::rt::t_onceDepth __attribute__((tls_model("initial-exec")));

int tangle::rt::onceCall(pthread_once_t *once, void (*routine)(),
                         const Stack &stack) {
  volatile uint32_t *word = reinterpret_cast<volatile uint32_t *>(once);
  if (visible(op(OpKind::OnceEnter, once, 0, onceFreshness(*word)), stack) != 1)
    return 0;
  *word = OnceWordRunning;
  if (t_onceDepth < MaxNestedOnces) {
    RunningOnce &run = t_onces[t_onceDepth++];
    run.once = once;
    run.control = PTHREAD_ONCE_INIT;
    REAL(pthread_once)(&run.control, routine);
    abandonEscapedOnces(stack); // a routine it called threw, and it caught
    --t_onceDepth;
  } else {
    routine(); // deeper than any program nests: a throw stays unseen
  }
  *word = OnceWordDone;
  visible(op(OpKind::OnceDone, once), stack);
  return 0;
}

void tangle::rt::abandonEscapedOnces(const Stack &stack) {
  // Innermost first: an outer routine that caught an inner one's exception
  // is still running (its control is not 0).
  while (t_onceDepth > 0 &&
         t_onces[t_onceDepth - 1].control == PTHREAD_ONCE_INIT) {
    pthread_once_t *once = t_onces[--t_onceDepth].once;
    *reinterpret_cast<volatile uint32_t *>(once) = OnceWordNew;
    visible(op(OpKind::OnceDone, once, 0, OnceAbandoned), stack);
  }
}

void tangle::rt::prepareOnceStep(ThreadId t) {
  // The word may have changed since the call posted its enter: another
  // caller ran the routine (or runs it) in between.
  Runtime &rt = g_runtime;
  Operation &enter = rt.slots[t].posted.op;
  if (enter.kind != OpKind::OnceEnter)
    return;
  uint32_t word;
  if (!readProgramWord(rt.machine->processOf(t), objectAddress(enter.object),
                       word))
    return; // gone with its process: the model's state stands
  uint16_t flags = uint16_t((enter.flags & ~OnceFresh) | onceFreshness(word));
  if (flags == enter.flags)
    return;
  enter.flags = flags;
  rt.machine->post(t, enter);
}

// Sleeps are yields: no real waiting (the explorer tries every order
// anyway), one scheduling point so that a polling loop lets others run;
// the thread's virtual clock moves on by the sleep (virtual_time.h).
// Record mode sleeps for real and records the sleep when it ended.
namespace {
uint64_t nanoseconds(const timespec *t) {
  return t ? uint64_t(t->tv_sec) * 1000000000ull + uint64_t(t->tv_nsec) : 0;
}
} // namespace

TANGLE_INTERCEPTOR unsigned sleep(unsigned seconds) {
  if (recording()) {
    unsigned left = REAL(sleep)(seconds);
    recordSleep(uint64_t(seconds) * 1000000000ull, int32_t(left),
                uint64_t(__builtin_return_address(0)));
    return left;
  }
  if (!controlled())
    return REAL(sleep)(seconds);
  Stack stack;
  TANGLE_CALLER_STACK(stack);
  yield(stack, true);
  clockSleep(uint64_t(seconds) * 1000000000ull);
  return 0;
}

TANGLE_INTERCEPTOR int usleep(useconds_t usec) {
  if (recording()) {
    int rc = REAL(usleep)(usec);
    int error = errno;
    recordSleep(uint64_t(usec) * 1000, rc == 0 ? 0 : error,
                uint64_t(__builtin_return_address(0)));
    errno = error;
    return rc;
  }
  if (!controlled())
    return REAL(usleep)(usec);
  Stack stack;
  TANGLE_CALLER_STACK(stack);
  int rc = yield(stack, true);
  clockSleep(uint64_t(usec) * 1000);
  return rc;
}

TANGLE_INTERCEPTOR int nanosleep(const timespec *request, timespec *remain) {
  if (recording()) {
    int rc = REAL(nanosleep)(request, remain);
    int error = errno;
    recordSleep(nanoseconds(request), rc == 0 ? 0 : error,
                uint64_t(__builtin_return_address(0)));
    errno = error;
    return rc;
  }
  if (!controlled())
    return REAL(nanosleep)(request, remain);
  Stack stack;
  TANGLE_CALLER_STACK(stack);
  uint64_t length = nanoseconds(request); // request may be remain
  if (remain)
    *remain = timespec{};
  int rc = yield(stack, true);
  clockSleep(length);
  return rc;
}

TANGLE_INTERCEPTOR int clock_nanosleep(clockid_t clock, int flags,
                                       const timespec *request,
                                       timespec *remain) {
  if (recording()) {
    int rc = REAL(clock_nanosleep)(clock, flags, request, remain);
    recordSleep(flags & TIMER_ABSTIME ? UINT64_MAX : nanoseconds(request), rc,
                uint64_t(__builtin_return_address(0)));
    return rc;
  }
  if (!controlled())
    return REAL(clock_nanosleep)(clock, flags, request, remain);
  Stack stack;
  TANGLE_CALLER_STACK(stack);
  int rc = yield(stack, true);
  if (flags & TIMER_ABSTIME)
    clockReach(clock, request);
  else
    clockSleep(nanoseconds(request));
  return rc;
}

TANGLE_INTERCEPTOR int sched_yield() {
  if (!controlled())
    return REAL(sched_yield)();
  Stack stack;
  TANGLE_CALLER_STACK(stack);
  return yield(stack);
}
