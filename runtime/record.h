// Record mode (`tangle run`): the program runs on the real primitives; each
// intercepted operation runs for real and appends one event to its thread's
// chunk of the shared record region (runtime/record_protocol.h), and a
// thread about to block writes what it waits for. No scheduling, no futex
// hand-off, no lock: the only shared write per event is in the thread's own
// chunk, and one atomic add per 4096 events takes a new chunk.
#pragma once

#include "model/event.h"
#include "model/trace/record_trace.h"

#include <cstdint>
#include <ctime>
#include <pthread.h>
#include <semaphore.h>
#include <sys/resource.h>
#include <sys/types.h>

namespace tangle::rt {

/// Maps the record region named by TANGLE_RECORD_FD, if any (at load time,
/// before the program's constructors). True when the process records.
bool attachRecordRegion();

/// The program's main under record mode: main, then its ProcessExit.
int mainRecorded(int argc, char **argv, char **envp);

/// The caller's return address and frame: every record-mode function takes
/// them from its interceptor (the call site, and where a stack walk starts
/// when the thread blocks).
#define TANGLE_RECORD_SITE                                                     \
  reinterpret_cast<uint64_t>(__builtin_return_address(0)),                     \
      reinterpret_cast<uintptr_t>(__builtin_frame_address(0))

/// One recorded operation that does not block: its timestamp is taken now.
void recordOperation(OpKind kind, uint64_t object, uint64_t arg,
                     int32_t result, uint64_t pc, uint16_t flags = 0);
/// kill(pid, signal) in record mode: ProcessKill, stamped before the signal
/// is sent (it happens before what the target does about it), `result` 0
/// or -errno.
int recordKill(pid_t pid, int signal, uint64_t pc);

/// The program called something record mode does not record (`pc`: the
/// call site, 0 unknown): the run's report says it did not watch it.
void noteUnwatched(Unwatched what, uint64_t pc);
/// In an interceptor: notes `what` (an Unwatched) at its caller in record
/// mode.
#define TANGLE_NOTE_UNWATCHED(what)                                            \
  do {                                                                         \
    if (::tangle::rt::recording())                                             \
      ::tangle::rt::noteUnwatched(                                             \
          ::tangle::Unwatched::what,                                           \
          reinterpret_cast<uint64_t>(__builtin_return_address(0)));            \
  } while (0)

/// pthread_once and call_once: OnceEnter, the real call, OnceDone (`arg`
/// 1 when this thread ran the routine).
int recordOnce(pthread_once_t *once, void (*routine)(), uint64_t pc,
               uintptr_t fp);
/// sleep, usleep, nanosleep, clock_nanosleep, thrd_sleep: a Yield with
/// YieldSleep, stamped when the sleep ended, `arg` the requested ns
/// (UINT64_MAX: an absolute deadline).
void recordSleep(uint64_t requestedNs, int32_t result, uint64_t pc);

// The record-mode path of each intercepted call (the real call, and its
// events). `pc` and `fp` come from TANGLE_RECORD_SITE.
int recordMutexLock(pthread_mutex_t *m, uint64_t pc, uintptr_t fp);
int recordMutexTryLock(pthread_mutex_t *m, uint64_t pc, uintptr_t fp);
int recordMutexTimedLock(pthread_mutex_t *m, clockid_t clock,
                         const timespec *abstime, bool clockForm, uint64_t pc,
                         uintptr_t fp);
int recordMutexUnlock(pthread_mutex_t *m, uint64_t pc, uintptr_t fp);
/// recordMutexLock and recordMutexUnlock for pthread_mutex_lock's and
/// pthread_mutex_unlock's interceptors, which reach them by a jump (a
/// sibling call, runtime/intercept_pthread.cpp): the call site and frame
/// are taken from this function's own, where the interceptor's were.
int recordMutexLockJumped(pthread_mutex_t *m);
int recordMutexUnlockJumped(pthread_mutex_t *m);
/// pthread_spin_lock/trylock/unlock (`kind` MutexLock, MutexTryLock,
/// MutexUnlock), recorded as a normal mutex's: a thread spinning for a held
/// spinlock waits for it, as far as the watchdog knows.
int recordSpin(pthread_spinlock_t *s, OpKind kind, uint64_t pc, uintptr_t fp);
int recordCondWait(pthread_cond_t *c, pthread_mutex_t *m, clockid_t clock,
                   const timespec *abstime, int form, uint64_t pc,
                   uintptr_t fp);
int recordCondWake(OpKind kind, pthread_cond_t *c, uint64_t pc, uintptr_t fp);
int recordSemWait(sem_t *s, OpKind kind, clockid_t clock,
                  const timespec *abstime, int form, uint64_t pc, uintptr_t fp);
int recordSemPost(sem_t *s, uint64_t pc, uintptr_t fp);
/// syscall(SYS_futex, ...) with its six arguments `a`: FUTEX_WAIT(_BITSET)
/// is FutexWait and, when queued, FutexResume (the watchdog sees the thread
/// wait meanwhile); FUTEX_WAKE(_BITSET) is FutexWake. Any other command
/// runs unrecorded and is noted as unwatched. Returns as the system call.
long recordFutex(const long *a, uint64_t pc, uintptr_t fp);
int recordBarrierWait(pthread_barrier_t *b, uint64_t pc, uintptr_t fp);
int recordRwLock(pthread_rwlock_t *rw, OpKind kind, clockid_t clock,
                 const timespec *abstime, int form, uint64_t pc, uintptr_t fp);
int recordRwUnlock(pthread_rwlock_t *rw, uint64_t pc, uintptr_t fp);
int recordThreadCreate(pthread_t *thread, const pthread_attr_t *attr,
                       void *(*start)(void *), void *arg, uint64_t pc,
                       uintptr_t fp);
int recordThreadJoin(pthread_t thread, void **result, uint64_t pc,
                     uintptr_t fp);
int recordThreadDetach(pthread_t thread, uint64_t pc, uintptr_t fp);
/// pthread_exit and the end of a thread's start routine.
void recordThreadEnd(uint64_t pc);
/// pthread_exit or thrd_exit called at pc: a thread the runtime started
/// records its end once the unwind has run its cleanup handlers and
/// destructors, as controlled mode posts it; any other thread (main) here.
void recordThreadExitCall(uint64_t pc);
void recordProcessExit(int status, uint64_t pc);
pid_t recordFork(uint64_t pc, uintptr_t fp);
pid_t recordWait(pid_t pid, int *status, int options, ::rusage *usage,
                 int form, uint64_t pc, uintptr_t fp);
/// Before an exec: the thread stops recording (and starts again when the
/// exec fails: call recordExecFailed).
void recordExec(uint64_t pc);
void recordExecFailed();
/// __assert_fail and abort(): the message (null for abort) and the stack.
void recordAssertionInRun(const char *message, const Stack &stack);

} // namespace tangle::rt
