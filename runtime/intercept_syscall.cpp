// The generic system call entry, syscall(2): what libraries call for the
// system calls glibc has no wrapper for. Futexes are modelled (futexes.h:
// libstdc++ blocks in them) and recorded (record.h, recordFutex); a thread
// created with syscall(SYS_clone) would escape the scheduler (unmodelled.h); a
// fork through it is the fork interceptor's, a sleep through it the sleep
// interceptors'. Everything else goes to the kernel. (The runtime's own system
// calls do not come here: futex.h's rawSyscall.)
#include "runtime/futexes.h"
#include "runtime/real_functions.h"
#include "runtime/record.h"
#include "runtime/reuse_worker.h"
#include "runtime/runtime_state.h"
#include "runtime/stack.h"
#include "runtime/unmodelled.h"
#include "runtime/virtual_time.h"

#include <cerrno>
#include <cstdarg>
#include <ctime>
#include <sys/syscall.h>
#include <unistd.h>

#define TANGLE_INTERCEPTOR extern "C" __attribute__((visibility("default")))

using namespace tangle;
using namespace tangle::rt;

namespace {
// System calls that change nothing a reuse worker's rewind would have to
// put back (they read, or act on what the program's memory and its
// descriptors hold as a process each would); any other taints the worker
// (reuse_worker.h): the execution runs to its end, the worker with it.
bool leavesKernelStateAlone(long number) {
  switch (number) {
  case SYS_gettid:
  case SYS_getpid:
  case SYS_getppid:
  case SYS_getuid:
  case SYS_geteuid:
  case SYS_getgid:
  case SYS_getegid:
  case SYS_getrandom:
  case SYS_clock_gettime:
  case SYS_clock_getres:
  case SYS_gettimeofday:
  case SYS_time:
  case SYS_getcpu:
  case SYS_sched_yield:
  case SYS_sched_getaffinity:
  case SYS_getrusage:
  case SYS_sysinfo:
  case SYS_uname:
  case SYS_nanosleep:
  case SYS_clock_nanosleep:
  case SYS_read:
  case SYS_write:
  case SYS_pread64:
  case SYS_pwrite64:
  case SYS_readv:
  case SYS_writev:
  case SYS_membarrier:
    return true;
  default:
    return false;
  }
}
} // namespace

TANGLE_INTERCEPTOR long syscall(long number, ...) {
  // Every system call takes at most six word-sized arguments; reading six
  // is what glibc's own syscall() does.
  va_list args;
  va_start(args, number);
  long a[6];
  for (long &x : a)
    x = va_arg(args, long);
  va_end(args);
  // Record mode records the futex waits and wakes controlled mode models.
  if (number == SYS_futex && recording())
    return recordFutex(a, TANGLE_RECORD_SITE);
  if (number == SYS_clone || number == SYS_clone3)
    TANGLE_NOTE_UNWATCHED(Clones);
  long clockRead;
  if (virtualClockSyscall(
          number, a, reinterpret_cast<uintptr_t>(__builtin_return_address(0)),
          clockRead))
    return clockRead;
  if (controlled()) {
    Stack stack;
    switch (number) {
    case SYS_futex:
      // Futexes are reached through deep header code (std::latch::wait).
      walkDeepFrames(stack,
                     reinterpret_cast<uintptr_t>(__builtin_frame_address(0)));
      return futexCall(reinterpret_cast<uint32_t *>(a[0]), int(a[1]),
                       uint32_t(a[2]), reinterpret_cast<const timespec *>(a[3]),
                       uint32_t(a[5]), stack);
    case SYS_clone:
      TANGLE_CALLER_STACK(stack);
      unmodelledClone("syscall(SYS_clone)", stack);
    case SYS_clone3:
      TANGLE_CALLER_STACK(stack);
      unmodelledClone("syscall(SYS_clone3)", stack);
    case SYS_nanosleep: // a sleep: a yield, and the virtual clock moves
      return nanosleep(reinterpret_cast<const timespec *>(a[0]),
                       reinterpret_cast<timespec *>(a[1]));
    case SYS_clock_nanosleep: {
      int error = clock_nanosleep(clockid_t(a[0]), int(a[1]),
                                  reinterpret_cast<const timespec *>(a[2]),
                                  reinterpret_cast<timespec *>(a[3]));
      if (error == 0)
        return 0;
      errno = error;
      return -1;
    }
    case SYS_fork:
      return fork(); // through the fork interceptor: a modelled process
    case SYS_vfork:
      return vfork(); // and its parent suspended as vfork's
    default:
      if (inWorker() && !leavesKernelStateAlone(number))
        taintWorker("a system call through syscall(), whose effect a rewind "
                    "may not put back");
      break;
    }
  }
  return REAL(syscall)(number, a[0], a[1], a[2], a[3], a[4], a[5]);
}
