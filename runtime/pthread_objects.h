// Visible operations on glibc's pthread objects, shared by the pthread
// interceptors and the C11 <threads.h> ones (runtime/intercept_c11.cpp):
// glibc's mtx_t, cnd_t and once_flag are a pthread_mutex_t, a
// pthread_cond_t and a pthread_once_t underneath, so both APIs are modelled
// by the same operations on the same objects.
#pragma once

#include "model/event.h"

#include <pthread.h>

namespace tangle::rt {

// glibc keeps the type in __kind's low bits, for static initialisers and
// pthread_mutex_init alike (the elision and robust flags are higher up):
// PTHREAD_MUTEX_TIMED_NP (0, the default), _RECURSIVE_NP, _ERRORCHECK_NP,
// _ADAPTIVE_NP (a normal mutex). A table, not a switch: record mode's lock
// calls it on every acquisition.
inline MutexType mutexType(const pthread_mutex_t *m) {
  static_assert(
      PTHREAD_MUTEX_TIMED_NP == 0 && PTHREAD_MUTEX_RECURSIVE_NP == 1 &&
      PTHREAD_MUTEX_ERRORCHECK_NP == 2 && PTHREAD_MUTEX_ADAPTIVE_NP == 3);
  static constexpr MutexType types[4] = {
      MutexType::Default, MutexType::Recursive, MutexType::ErrorCheck,
      MutexType::Normal};
  return types[m->__data.__kind & 3];
}

/// The operation `kind` on mutex m; its type from glibc's __kind. Inline:
/// record mode calls it on every mutex event.
inline Operation mutexOperation(OpKind kind, const pthread_mutex_t *m) {
  Operation op;
  op.kind = kind;
  op.object = reinterpret_cast<uintptr_t>(m);
  op.arg = uint64_t(mutexType(m));
  return op;
}

/// The controlled mutex operation `kind` on m, its lifetime checked
/// (object_lifetime.h). Returns the Machine's result.
int mutexCall(OpKind kind, pthread_mutex_t *m, const Stack &stack);

/// A condition wait under control: release and wait, then the wake-up that
/// re-acquires the mutex. Returns 0 or ETIMEDOUT (timed waits only).
int conditionWait(pthread_cond_t *c, pthread_mutex_t *m, bool timed,
                  const Stack &stack);

/// A timeout glibc refuses with EINVAL (tv_nsec out of range).
bool invalidTime(const timespec *time);

/// pthread_once under control: the first caller runs `routine`.
int onceCall(pthread_once_t *once, void (*routine)(), const Stack &stack);

/// Just before thread t's pending operation executes: a OnceEnter reads its
/// once's word again (OnceFresh, model/event.h).
void prepareOnceStep(ThreadId t);

/// How many once routines this thread is running, or left by an exception
/// (or a cancellation) that nothing has noticed yet.
extern __thread int t_onceDepth __attribute__((tls_model("initial-exec")));

/// Before the thread's next visible operation: posts an abandoned OnceDone
/// for each once routine it left without returning (OnceAbandoned).
void abandonEscapedOnces(const Stack &stack);

/// A sleep or yield: one scheduling point, no waiting.
int yieldStep(const Stack &stack, bool sleep = false);

} // namespace tangle::rt
