// The real (next) definitions of the functions the runtime intercepts,
// resolved lazily with dlsym(RTLD_NEXT): a hook can run before the runtime's
// constructor, and dlsym itself must not recurse into a hook.
#pragma once

#include <cassert>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <dirent.h>
#include <dlfcn.h>
#include <fcntl.h>
#include <mqueue.h>
#include <pthread.h>
#include <sched.h>
#include <semaphore.h>
#include <signal.h>
#include <spawn.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/file.h>
#include <sys/inotify.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/timerfd.h>
#include <sys/wait.h>
#include <threads.h>
#include <time.h>
#include <unistd.h>

namespace tangle::rt {

// Not declared by <assert.h> under NDEBUG.
using AssertFail = void (*)(const char *, const char *, unsigned int,
                            const char *);
using SemOpen = sem_t *(*)(const char *, int, ...);
using MqOpen = mqd_t (*)(const char *, int, ...);
// glibc's, behind libstdc++'s __cxa_thread_atexit (thread_local destructors).
using CxaThreadAtexit = int (*)(void (*)(void *), void *, void *);
// pthread_cleanup_push's C form (<pthread.h> declares them for C only).
using CleanupBufferFn = void (*)(__pthread_unwind_buf_t *);
// glibc 2.36's <sys/pidfd.h> declares it without extern "C" (no
// __BEGIN_DECLS), so it is not included: the interceptor is the C one.
using PidfdOpen = int (*)(pid_t, unsigned int);
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
  X(pthread_key_create, decltype(&::pthread_key_create))                       \
  X(pthread_key_delete, decltype(&::pthread_key_delete))                       \
  X(pthread_self, decltype(&::pthread_self))                                   \
  X(thrd_current, decltype(&::thrd_current))                                   \
  X(pthread_getspecific, decltype(&::pthread_getspecific))                     \
  X(pthread_setspecific, decltype(&::pthread_setspecific))                     \
  X(tss_get, decltype(&::tss_get))                                             \
  X(tss_set, decltype(&::tss_set))                                             \
  X(pthread_sigmask, decltype(&::pthread_sigmask))                             \
  X(sigprocmask, decltype(&::sigprocmask))                                     \
  X(pthread_kill, decltype(&::pthread_kill))                                   \
  X(__pthread_register_cancel, CleanupBufferFn)                                \
  X(__pthread_unregister_cancel, CleanupBufferFn)                              \
  X(sigaction, decltype(&::sigaction))                                         \
  X(signal, decltype(&::signal))                                               \
  X(__cxa_thread_atexit_impl, CxaThreadAtexit)                                 \
  X(pthread_exit, decltype(&::pthread_exit))                                   \
  X(pthread_cancel, decltype(&::pthread_cancel))                               \
  X(pthread_setcancelstate, decltype(&::pthread_setcancelstate))               \
  X(pthread_setcanceltype, decltype(&::pthread_setcanceltype))                 \
  X(pthread_testcancel, decltype(&::pthread_testcancel))                       \
  X(exit, decltype(&::exit))                                                   \
  X(_exit, decltype(&::_exit))                                                 \
  X(_Exit, decltype(&::_Exit))                                                 \
  X(abort, decltype(&::abort))                                                 \
  X(__assert_fail, AssertFail)                                                 \
  X(fork, decltype(&::fork))                                                   \
  X(waitpid, decltype(&::waitpid))                                             \
  X(execve, decltype(&::execve))                                               \
  X(execv, decltype(&::execv))                                                 \
  X(execvp, decltype(&::execvp))                                               \
  X(execvpe, decltype(&::execvpe))                                             \
  X(wait, decltype(&::wait))                                                   \
  X(wait3, decltype(&::wait3))                                                 \
  X(wait4, decltype(&::wait4))                                                 \
  X(kill, decltype(&::kill))                                                   \
  X(waitid, decltype(&::waitid))                                               \
  X(posix_spawn, decltype(&::posix_spawn))                                     \
  X(posix_spawnp, decltype(&::posix_spawnp))                                   \
  X(system, decltype(&::system))                                               \
  X(popen, decltype(&::popen))                                                 \
  X(pclose, decltype(&::pclose))                                               \
  X(pipe2, decltype(&::pipe2))                                                 \
  X(mmap, decltype(&::mmap))                                                   \
  X(mmap64, decltype(&::mmap64))                                               \
  X(munmap, decltype(&::munmap))                                               \
  X(sem_open, SemOpen)                                                         \
  X(mq_open, MqOpen)                                                           \
  X(mq_close, decltype(&::mq_close))                                           \
  X(mq_unlink, decltype(&::mq_unlink))                                         \
  X(mq_send, decltype(&::mq_send))                                             \
  X(mq_timedsend, decltype(&::mq_timedsend))                                   \
  X(mq_receive, decltype(&::mq_receive))                                       \
  X(mq_timedreceive, decltype(&::mq_timedreceive))                             \
  X(mq_getattr, decltype(&::mq_getattr))                                       \
  X(mq_setattr, decltype(&::mq_setattr))                                       \
  X(__libc_start_main, LibcStartMain)                                          \
  X(syscall, decltype(&::syscall))                                             \
  X(chdir, decltype(&::chdir))                                                 \
  X(fchdir, decltype(&::fchdir))                                               \
  X(chroot, decltype(&::chroot))                                               \
  X(umask, decltype(&::umask))                                                 \
  X(setrlimit, decltype(&::setrlimit))                                         \
  X(prlimit, decltype(&::prlimit))                                             \
  X(alarm, decltype(&::alarm))                                                 \
  X(setitimer, decltype(&::setitimer))                                         \
  X(timer_create, decltype(&::timer_create))                                   \
  X(dlopen, decltype(&::dlopen))                                               \
  X(sched_setaffinity, decltype(&::sched_setaffinity))                         \
  X(pthread_setaffinity_np, decltype(&::pthread_setaffinity_np))               \
  X(setsid, decltype(&::setsid))                                               \
  X(setpgid, decltype(&::setpgid))                                             \
  X(setpriority, decltype(&::setpriority))                                     \
  X(nice, decltype(&::nice))                                                   \
  TANGLE_DESCRIPTOR_REAL_FUNCTIONS(X)                                          \
  TANGLE_SYNC_REAL_FUNCTIONS(X)                                                \
  TANGLE_C11_REAL_FUNCTIONS(X)                                                 \
  TANGLE_FILE_REAL_FUNCTIONS(X)

// Descriptors made by calls other than open
// (runtime/intercept_kernel_state.cpp).
#define TANGLE_DESCRIPTOR_REAL_FUNCTIONS(X)                                    \
  X(socket, decltype(&::socket))                                               \
  X(socketpair, decltype(&::socketpair))                                       \
  X(accept, decltype(&::accept))                                               \
  X(accept4, decltype(&::accept4))                                             \
  X(eventfd, decltype(&::eventfd))                                             \
  X(epoll_create, decltype(&::epoll_create))                                   \
  X(epoll_create1, decltype(&::epoll_create1))                                 \
  X(memfd_create, decltype(&::memfd_create))                                   \
  X(timerfd_create, decltype(&::timerfd_create))                               \
  X(signalfd, decltype(&::signalfd))                                           \
  X(inotify_init, decltype(&::inotify_init))                                   \
  X(inotify_init1, decltype(&::inotify_init1))                                 \
  X(pidfd_open, PidfdOpen)                                                     \
  X(shm_open, decltype(&::shm_open))                                           \
  X(posix_openpt, decltype(&::posix_openpt))                                   \
  X(opendir, decltype(&::opendir))                                             \
  X(closedir, decltype(&::closedir))                                           \
  X(mkstemp, decltype(&::mkstemp))                                             \
  X(mkostemp, decltype(&::mkostemp))                                           \
  X(mkstemps, decltype(&::mkstemps))                                           \
  X(mkostemps, decltype(&::mkostemps))                                         \
  X(tmpfile, decltype(&::tmpfile))                                             \
  X(freopen, decltype(&::freopen))

// C11 <threads.h> (runtime/intercept_c11.cpp).
#define TANGLE_C11_REAL_FUNCTIONS(X)                                           \
  X(thrd_create, decltype(&::thrd_create))                                     \
  X(thrd_join, decltype(&::thrd_join))                                         \
  X(thrd_detach, decltype(&::thrd_detach))                                     \
  X(tss_create, decltype(&::tss_create))                                       \
  X(tss_delete, decltype(&::tss_delete))                                       \
  X(thrd_yield, decltype(&::thrd_yield))                                       \
  X(thrd_sleep, decltype(&::thrd_sleep))                                       \
  X(mtx_init, decltype(&::mtx_init))                                           \
  X(mtx_destroy, decltype(&::mtx_destroy))                                     \
  X(mtx_lock, decltype(&::mtx_lock))                                           \
  X(mtx_trylock, decltype(&::mtx_trylock))                                     \
  X(mtx_timedlock, decltype(&::mtx_timedlock))                                 \
  X(mtx_unlock, decltype(&::mtx_unlock))                                       \
  X(cnd_init, decltype(&::cnd_init))                                           \
  X(cnd_destroy, decltype(&::cnd_destroy))                                     \
  X(cnd_signal, decltype(&::cnd_signal))                                       \
  X(cnd_broadcast, decltype(&::cnd_broadcast))                                 \
  X(cnd_wait, decltype(&::cnd_wait))                                           \
  X(cnd_timedwait, decltype(&::cnd_timedwait))                                 \
  X(call_once, decltype(&::call_once))

// Conditions, semaphores, barriers, rwlocks, spinlocks, once, sleeps
// (runtime/intercept_sync.cpp).
#define TANGLE_SYNC_REAL_FUNCTIONS(X)                                          \
  X(pthread_cond_init, decltype(&::pthread_cond_init))                         \
  X(pthread_cond_destroy, decltype(&::pthread_cond_destroy))                   \
  X(pthread_cond_wait, decltype(&::pthread_cond_wait))                         \
  X(pthread_cond_timedwait, decltype(&::pthread_cond_timedwait))               \
  X(pthread_cond_clockwait, decltype(&::pthread_cond_clockwait))               \
  X(pthread_cond_signal, decltype(&::pthread_cond_signal))                     \
  X(pthread_cond_broadcast, decltype(&::pthread_cond_broadcast))               \
  X(sem_init, decltype(&::sem_init))                                           \
  X(sem_destroy, decltype(&::sem_destroy))                                     \
  X(sem_wait, decltype(&::sem_wait))                                           \
  X(sem_trywait, decltype(&::sem_trywait))                                     \
  X(sem_timedwait, decltype(&::sem_timedwait))                                 \
  X(sem_clockwait, decltype(&::sem_clockwait))                                 \
  X(sem_post, decltype(&::sem_post))                                           \
  X(sem_getvalue, decltype(&::sem_getvalue))                                   \
  X(pthread_barrier_init, decltype(&::pthread_barrier_init))                   \
  X(pthread_barrier_destroy, decltype(&::pthread_barrier_destroy))             \
  X(pthread_barrier_wait, decltype(&::pthread_barrier_wait))                   \
  X(pthread_rwlock_init, decltype(&::pthread_rwlock_init))                     \
  X(pthread_rwlock_destroy, decltype(&::pthread_rwlock_destroy))               \
  X(pthread_rwlock_rdlock, decltype(&::pthread_rwlock_rdlock))                 \
  X(pthread_rwlock_tryrdlock, decltype(&::pthread_rwlock_tryrdlock))           \
  X(pthread_rwlock_timedrdlock, decltype(&::pthread_rwlock_timedrdlock))       \
  X(pthread_rwlock_clockrdlock, decltype(&::pthread_rwlock_clockrdlock))       \
  X(pthread_rwlock_wrlock, decltype(&::pthread_rwlock_wrlock))                 \
  X(pthread_rwlock_trywrlock, decltype(&::pthread_rwlock_trywrlock))           \
  X(pthread_rwlock_timedwrlock, decltype(&::pthread_rwlock_timedwrlock))       \
  X(pthread_rwlock_clockwrlock, decltype(&::pthread_rwlock_clockwrlock))       \
  X(pthread_rwlock_unlock, decltype(&::pthread_rwlock_unlock))                 \
  X(pthread_spin_init, decltype(&::pthread_spin_init))                         \
  X(pthread_spin_destroy, decltype(&::pthread_spin_destroy))                   \
  X(pthread_spin_lock, decltype(&::pthread_spin_lock))                         \
  X(pthread_spin_trylock, decltype(&::pthread_spin_trylock))                   \
  X(pthread_spin_unlock, decltype(&::pthread_spin_unlock))                     \
  X(pthread_once, decltype(&::pthread_once))                                   \
  X(sleep, decltype(&::sleep))                                                 \
  X(usleep, decltype(&::usleep))                                               \
  X(nanosleep, decltype(&::nanosleep))                                         \
  X(clock_nanosleep, decltype(&::clock_nanosleep))                             \
  X(sched_yield, decltype(&::sched_yield))                                     \
  X(clock_gettime, decltype(&::clock_gettime))                                 \
  X(gettimeofday, decltype(&::gettimeofday))                                   \
  X(time, decltype(&::time))                                                   \
  X(timespec_get, decltype(&::timespec_get))                                   \
  X(clock, decltype(&::clock))

// Files and file locks (runtime/intercept_file.cpp).
using VaStreamFn = int (*)(FILE *, const char *, va_list);
using FcntlFn = int (*)(int, int, ...);
#define TANGLE_FILE_REAL_FUNCTIONS(X)                                          \
  X(open, decltype(&::open))                                                   \
  X(openat, decltype(&::openat))                                               \
  X(close, decltype(&::close))                                                 \
  X(close_range, decltype(&::close_range))                                     \
  X(closefrom, decltype(&::closefrom))                                         \
  X(dup, decltype(&::dup))                                                     \
  X(dup2, decltype(&::dup2))                                                   \
  X(dup3, decltype(&::dup3))                                                   \
  X(read, decltype(&::read))                                                   \
  X(pread, decltype(&::pread))                                                 \
  X(write, decltype(&::write))                                                 \
  X(pwrite, decltype(&::pwrite))                                               \
  X(ftruncate, decltype(&::ftruncate))                                         \
  X(truncate, decltype(&::truncate))                                           \
  X(rename, decltype(&::rename))                                               \
  X(unlink, decltype(&::unlink))                                               \
  X(fopen, decltype(&::fopen))                                                 \
  X(fclose, decltype(&::fclose))                                               \
  X(fread, decltype(&::fread))                                                 \
  X(fwrite, decltype(&::fwrite))                                               \
  X(fgets, decltype(&::fgets))                                                 \
  X(fputs, decltype(&::fputs))                                                 \
  X(fgetc, decltype(&::fgetc))                                                 \
  X(getc, decltype(&::getc))                                                   \
  X(fputc, decltype(&::fputc))                                                 \
  X(putc, decltype(&::putc))                                                   \
  X(vfprintf, VaStreamFn)                                                      \
  X(vdprintf, decltype(&::vdprintf))                                           \
  X(vfscanf, VaStreamFn)                                                       \
  X(__isoc99_vfscanf, VaStreamFn)                                              \
  X(flock, decltype(&::flock))                                                 \
  X(fcntl, FcntlFn)                                                            \
  X(fcntl64, FcntlFn)                                                          \
  X(lockf, decltype(&::lockf))

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
