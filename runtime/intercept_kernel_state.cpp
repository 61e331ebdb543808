// Calls that change the process's state in the kernel, not in memory: a
// reuse worker's rewind (runtime/reuse_worker.h) cannot put it back, and
// the next execution in the same worker would start from it (another
// working directory, a timer still armed, a library still loaded). An
// execution that makes one runs to its end and ends its worker
// (taintWorker), as one that opens a file does. Outside a worker, and in
// the runtime's own calls between executions, they only pass through.
#include "runtime/real_functions.h"
#include "runtime/reuse_worker.h"

#include <sched.h>
#include <sys/resource.h>
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
