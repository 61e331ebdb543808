// The real (next) definitions of the functions the runtime intercepts,
// resolved lazily with dlsym(RTLD_NEXT): a hook can run before the runtime's
// constructor, and dlsym itself must not recurse into a hook.
#pragma once

#include <cassert>
#include <cstdlib>
#include <pthread.h>
#include <unistd.h>

namespace tangle::rt {

// Not declared by <assert.h> under NDEBUG.
using AssertFail = void (*)(const char *, const char *, unsigned int,
                            const char *);
using LibcStartMain = int (*)(int (*)(int, char **, char **), int, char **,
                              void (*)(), void (*)(), void (*)(), void *);

// Every real function, declared once: X(name, type).
#define TANGLE_REAL_FUNCTIONS(X)                                               \
  X(pthread_mutex_init, decltype(&::pthread_mutex_init))                       \
  X(pthread_mutex_destroy, decltype(&::pthread_mutex_destroy))                 \
  X(pthread_mutex_lock, decltype(&::pthread_mutex_lock))                       \
  X(pthread_mutex_trylock, decltype(&::pthread_mutex_trylock))                 \
  X(pthread_mutex_timedlock, decltype(&::pthread_mutex_timedlock))             \
  X(pthread_mutex_clocklock, decltype(&::pthread_mutex_clocklock))             \
  X(pthread_mutex_unlock, decltype(&::pthread_mutex_unlock))                   \
  X(pthread_create, decltype(&::pthread_create))                               \
  X(pthread_join, decltype(&::pthread_join))                                   \
  X(pthread_detach, decltype(&::pthread_detach))                               \
  X(pthread_exit, decltype(&::pthread_exit))                                   \
  X(exit, decltype(&::exit))                                                   \
  X(_exit, decltype(&::_exit))                                                 \
  X(_Exit, decltype(&::_Exit))                                                 \
  X(abort, decltype(&::abort))                                                 \
  X(__assert_fail, AssertFail)                                                 \
  X(fork, decltype(&::fork))                                                   \
  X(__libc_start_main, LibcStartMain)

namespace real {
#define TANGLE_DECLARE_REAL(name, type) extern type name;
TANGLE_REAL_FUNCTIONS(TANGLE_DECLARE_REAL)
#undef TANGLE_DECLARE_REAL
} // namespace real

/// Looks `name` up in the libraries after the runtime; nullptr when called
/// again from inside dlsym (only the mutex hooks can be, and treat it as a
/// no-op lock: the process is still single-threaded then).
void *resolveReal(const char *name);
/// Resolves every real function; called by the runtime's constructor.
void resolveAllReal();

} // namespace tangle::rt

namespace tangle::rt {
template <typename F> inline F realFunction(F &slot, const char *name) {
  F f = slot;
  if (!f)
    slot = f = reinterpret_cast<F>(resolveReal(name));
  return f;
}
} // namespace tangle::rt

/// The real `name`, resolved on first use.
#define REAL(name) ::tangle::rt::realFunction(::tangle::rt::real::name, #name)
