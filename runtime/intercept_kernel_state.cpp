// Calls that change the process's state in the kernel, not in memory: a
// reuse worker's rewind (runtime/reuse_worker.h) cannot put it back, and
// the next execution in the same worker would start from it (another
// working directory, a timer still armed, a library still loaded). An
// execution that makes one runs to its end and ends its worker
// (taintWorker), as one that opens a file does. Outside a worker, and in
// the runtime's own calls between executions, they only pass through.
#include "runtime/real_functions.h"
#include "runtime/reuse_worker.h"

#include <dirent.h>
#include <sched.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>

#define TANGLE_INTERCEPTOR extern "C" __attribute__((visibility("default")))

using namespace tangle::rt;

TANGLE_INTERCEPTOR int chdir(const char *path) {
  taintWorker("chdir, a working directory a rewind cannot put back");
  return REAL(chdir)(path);
}

TANGLE_INTERCEPTOR int fchdir(int fd) {
  taintWorker("fchdir, a working directory a rewind cannot put back");
  return REAL(fchdir)(fd);
}

TANGLE_INTERCEPTOR int chroot(const char *path) {
  taintWorker("chroot, a root directory a rewind cannot put back");
  return REAL(chroot)(path);
}

TANGLE_INTERCEPTOR mode_t umask(mode_t mask) {
  taintWorker("umask, a file mode mask a rewind cannot put back");
  return REAL(umask)(mask);
}

TANGLE_INTERCEPTOR int setrlimit(__rlimit_resource_t resource,
                                 const struct rlimit *limit) {
  taintWorker("setrlimit, a limit a rewind cannot put back");
  return REAL(setrlimit)(resource, limit);
}

TANGLE_INTERCEPTOR int prlimit(pid_t pid, enum __rlimit_resource resource,
                               const struct rlimit *limit, struct rlimit *old) {
  if (limit)
    taintWorker("prlimit, a limit a rewind cannot put back");
  return REAL(prlimit)(pid, resource, limit, old);
}

TANGLE_INTERCEPTOR unsigned alarm(unsigned seconds) {
  taintWorker("alarm, a timer a rewind cannot put back");
  return REAL(alarm)(seconds);
}

TANGLE_INTERCEPTOR int setitimer(__itimer_which_t which,
                                 const struct itimerval *value,
                                 struct itimerval *old) {
  taintWorker("setitimer, a timer a rewind cannot put back");
  return REAL(setitimer)(which, value, old);
}

TANGLE_INTERCEPTOR int timer_create(clockid_t clock, struct sigevent *event,
                                    timer_t *timer) {
  taintWorker("timer_create, a timer a rewind cannot put back");
  return REAL(timer_create)(clock, event, timer);
}

TANGLE_INTERCEPTOR void *dlopen(const char *file, int mode) {
  taintWorker("dlopen, a library a rewind cannot unload");
  return REAL(dlopen)(file, mode);
}

TANGLE_INTERCEPTOR int sched_setaffinity(pid_t pid, size_t size,
                                         const cpu_set_t *set) {
  taintWorker("sched_setaffinity, a thread's CPUs a rewind cannot put back");
  return REAL(sched_setaffinity)(pid, size, set);
}

TANGLE_INTERCEPTOR int pthread_setaffinity_np(pthread_t thread, size_t size,
                                              const cpu_set_t *set) {
  taintWorker("pthread_setaffinity_np, a thread's CPUs a rewind cannot put "
              "back");
  return REAL(pthread_setaffinity_np)(thread, size, set);
}

TANGLE_INTERCEPTOR pid_t setsid() {
  taintWorker("setsid, a session a rewind cannot put back");
  return REAL(setsid)();
}

TANGLE_INTERCEPTOR int setpgid(pid_t pid, pid_t group) {
  taintWorker("setpgid, a process group a rewind cannot put back");
  return REAL(setpgid)(pid, group);
}

TANGLE_INTERCEPTOR int setpriority(__priority_which_t which, id_t who,
                                   int priority) {
  taintWorker("setpriority, a priority a rewind cannot put back");
  return REAL(setpriority)(which, who, priority);
}

TANGLE_INTERCEPTOR int nice(int increment) {
  taintWorker("nice, a priority a rewind cannot put back");
  return REAL(nice)(increment);
}

// ---- Descriptors made by calls other than open ----
//
// A descriptor outlives a rewind as a working directory does: made in one
// execution of a worker, it would still be open in the next, which would
// get another number for its own (a program that checks its descriptors, or
// runs out of them after a thousand executions, would fail where it never
// fails natively). glibc makes these without going through open or openat
// (its internal calls are not interposed), so each taints the worker here.
// closedir closes one, perhaps opened before the snapshot. pipe, mq_open
// and the open family are handled where they are modelled
// (runtime/pipes.cpp, runtime/message_queues.cpp, intercept_file.cpp).

TANGLE_INTERCEPTOR int socket(int domain, int type, int protocol) {
  taintWorker("socket, a descriptor a rewind cannot close");
  return REAL(socket)(domain, type, protocol);
}

TANGLE_INTERCEPTOR int socketpair(int domain, int type, int protocol,
                                  int fds[2]) {
  taintWorker("socketpair, descriptors a rewind cannot close");
  return REAL(socketpair)(domain, type, protocol, fds);
}

TANGLE_INTERCEPTOR int accept(int fd, sockaddr *address, socklen_t *length) {
  taintWorker("accept, a descriptor a rewind cannot close");
  return REAL(accept)(fd, address, length);
}

TANGLE_INTERCEPTOR int accept4(int fd, sockaddr *address, socklen_t *length,
                               int flags) {
  taintWorker("accept4, a descriptor a rewind cannot close");
  return REAL(accept4)(fd, address, length, flags);
}

TANGLE_INTERCEPTOR int eventfd(unsigned int value, int flags) {
  taintWorker("eventfd, a descriptor a rewind cannot close");
  return REAL(eventfd)(value, flags);
}

TANGLE_INTERCEPTOR int epoll_create(int size) {
  taintWorker("epoll_create, a descriptor a rewind cannot close");
  return REAL(epoll_create)(size);
}

TANGLE_INTERCEPTOR int epoll_create1(int flags) {
  taintWorker("epoll_create1, a descriptor a rewind cannot close");
  return REAL(epoll_create1)(flags);
}

TANGLE_INTERCEPTOR int memfd_create(const char *name, unsigned int flags) {
  taintWorker("memfd_create, a descriptor a rewind cannot close");
  return REAL(memfd_create)(name, flags);
}

TANGLE_INTERCEPTOR int timerfd_create(int clock, int flags) {
  taintWorker("timerfd_create, a descriptor a rewind cannot close");
  return REAL(timerfd_create)(clock, flags);
}

TANGLE_INTERCEPTOR int signalfd(int fd, const sigset_t *mask, int flags) {
  taintWorker("signalfd, a descriptor a rewind cannot close");
  return REAL(signalfd)(fd, mask, flags);
}

TANGLE_INTERCEPTOR int inotify_init() {
  taintWorker("inotify_init, a descriptor a rewind cannot close");
  return REAL(inotify_init)();
}

TANGLE_INTERCEPTOR int inotify_init1(int flags) {
  taintWorker("inotify_init1, a descriptor a rewind cannot close");
  return REAL(inotify_init1)(flags);
}

TANGLE_INTERCEPTOR int pidfd_open(pid_t pid, unsigned int flags) {
  taintWorker("pidfd_open, a descriptor a rewind cannot close");
  return REAL(pidfd_open)(pid, flags);
}

TANGLE_INTERCEPTOR int shm_open(const char *name, int flags, mode_t mode) {
  taintWorker("shm_open, a descriptor a rewind cannot close");
  return REAL(shm_open)(name, flags, mode);
}

TANGLE_INTERCEPTOR int posix_openpt(int flags) {
  taintWorker("posix_openpt, a descriptor a rewind cannot close");
  return REAL(posix_openpt)(flags);
}

TANGLE_INTERCEPTOR DIR *opendir(const char *path) {
  taintWorker("opendir, a descriptor a rewind cannot close");
  return REAL(opendir)(path);
}

TANGLE_INTERCEPTOR int closedir(DIR *dir) {
  taintWorker("closedir, a descriptor a rewind cannot reopen");
  return REAL(closedir)(dir);
}

TANGLE_INTERCEPTOR int mkstemp(char *pattern) {
  taintWorker("mkstemp, a descriptor a rewind cannot close");
  return REAL(mkstemp)(pattern);
}

TANGLE_INTERCEPTOR int mkstemp64(char *) __attribute__((alias("mkstemp")));

TANGLE_INTERCEPTOR int mkostemp(char *pattern, int flags) {
  taintWorker("mkostemp, a descriptor a rewind cannot close");
  return REAL(mkostemp)(pattern, flags);
}

TANGLE_INTERCEPTOR int mkostemp64(char *, int)
    __attribute__((alias("mkostemp")));

TANGLE_INTERCEPTOR int mkstemps(char *pattern, int suffix) {
  taintWorker("mkstemps, a descriptor a rewind cannot close");
  return REAL(mkstemps)(pattern, suffix);
}

TANGLE_INTERCEPTOR int mkstemps64(char *, int)
    __attribute__((alias("mkstemps")));

TANGLE_INTERCEPTOR int mkostemps(char *pattern, int suffix, int flags) {
  taintWorker("mkostemps, a descriptor a rewind cannot close");
  return REAL(mkostemps)(pattern, suffix, flags);
}

TANGLE_INTERCEPTOR int mkostemps64(char *, int, int)
    __attribute__((alias("mkostemps")));

TANGLE_INTERCEPTOR FILE *tmpfile() {
  taintWorker("tmpfile, a descriptor a rewind cannot close");
  return REAL(tmpfile)();
}

TANGLE_INTERCEPTOR FILE *tmpfile64() __attribute__((alias("tmpfile")));

TANGLE_INTERCEPTOR FILE *freopen(const char *path, const char *mode,
                                 FILE *stream) {
  taintWorker("freopen, a descriptor a rewind cannot put back");
  return REAL(freopen)(path, mode, stream);
}

TANGLE_INTERCEPTOR FILE *freopen64(const char *, const char *, FILE *)
    __attribute__((alias("freopen")));
