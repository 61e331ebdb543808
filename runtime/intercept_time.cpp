// The clocks the program reads: clock_gettime, gettimeofday, time,
// timespec_get and clock, in controlled mode answered from the calling
// thread's virtual clock (virtual_time.h; docs/runtime.md, "The virtual
// clock"). libstdc++'s std::chrono clocks call clock_gettime (and the old
// system_clock::now, gettimeofday) through their PLT: they come here too.
#include "runtime/virtual_time.h"

#include "model/virtual_clock.h"
#include "runtime/real_functions.h"
#include "runtime/runtime_state.h"
#include "runtime/stack.h"

#include <cerrno>
#include <sys/syscall.h>
#include <sys/time.h>

#define TANGLE_INTERCEPTOR extern "C" __attribute__((visibility("default")))
#define TANGLE_CALLER reinterpret_cast<uintptr_t>(__builtin_return_address(0))

using namespace tangle;
using namespace tangle::rt;

namespace {

/// Which virtual clock a clock id reads.
enum class ClockBase : uint8_t {
  Realtime,
  Monotonic,
  CpuTime,
  Real, // another thread's or process's CPU clock, a dynamic clock: real
};

ClockBase baseOf(clockid_t clock) {
  switch (clock) {
  case CLOCK_REALTIME:
  case CLOCK_REALTIME_COARSE:
  case CLOCK_REALTIME_ALARM:
  case CLOCK_TAI:
    return ClockBase::Realtime;
  case CLOCK_MONOTONIC:
  case CLOCK_MONOTONIC_RAW:
  case CLOCK_MONOTONIC_COARSE:
  case CLOCK_BOOTTIME:
  case CLOCK_BOOTTIME_ALARM:
    return ClockBase::Monotonic;
  case CLOCK_PROCESS_CPUTIME_ID:
  case CLOCK_THREAD_CPUTIME_ID:
    return ClockBase::CpuTime;
  default:
    return ClockBase::Real;
  }
}

uint64_t baseNs(ClockBase base) {
  return base == ClockBase::Realtime    ? VirtualRealtimeBaseNs
         : base == ClockBase::Monotonic ? VirtualMonotonicBaseNs
                                        : 0;
}

uint64_t nanoseconds(const timespec &t) {
  return uint64_t(t.tv_sec) * NsPerSecond + uint64_t(t.tv_nsec);
}

timespec toTimespec(uint64_t ns) {
  return timespec{time_t(ns / NsPerSecond), long(ns % NsPerSecond)};
}

/// A read of the calling thread's clock: a tick passes (VirtualClock::read).
uint64_t readClock(ClockBase base) {
  VirtualClock &clock = t_thread.clock;
  uint64_t elapsed = clock.read();
  return base == ClockBase::CpuTime ? clock.cpuNs : baseNs(base) + elapsed;
}

int virtualGettime(clockid_t clock, timespec *ts) {
  *ts = toTimespec(readClock(baseOf(clock)));
  return 0;
}

int virtualGettimeofday(timeval *tv) {
  uint64_t ns = readClock(ClockBase::Realtime);
  *tv = timeval{time_t(ns / NsPerSecond), suseconds_t(ns % NsPerSecond / 1000)};
  return 0;
}

bool isNull(const void *p) {
  asm("" : "+r"(p)); // the compiler knows nothing of p any more
  return p == nullptr;
}

time_t virtualTime(time_t *t) {
  auto seconds = time_t(readClock(ClockBase::Realtime) / NsPerSecond);
  if (t)
    *t = seconds;
  return seconds;
}

} // namespace

bool tangle::rt::virtualTimeFor(uintptr_t caller) {
  const Runtime &rt = g_runtime;
  // A fork server's process before main runs the program's constructors:
  // every execution inherits what they read, so it is virtual too.
  return (rt.mode == Mode::Controlled || rt.mode == Mode::Server) &&
         !rt.shm->realTime && !inRuntimeText(caller);
}

void tangle::rt::clockSleep(uint64_t ns) { t_thread.clock.pass(ns); }

void tangle::rt::clockReach(clockid_t clock, const timespec *deadline) {
  ClockBase base = baseOf(clock);
  if (!deadline || deadline->tv_sec < 0 || deadline->tv_nsec < 0 ||
      deadline->tv_nsec >= long(NsPerSecond) || base == ClockBase::Real ||
      base == ClockBase::CpuTime)
    return; // no time, or none the virtual clock knows
  t_thread.clock.reach(sinceBase(nanoseconds(*deadline), baseNs(base)));
}

int tangle::rt::afterTimedWait(int result, clockid_t clock,
                               const timespec *deadline) {
  if (result == ETIMEDOUT)
    clockReach(clock, deadline);
  return result;
}

long tangle::rt::afterTimedWaitErrno(long result, clockid_t clock,
                                     const timespec *deadline) {
  if (result == -1 && errno == ETIMEDOUT)
    clockReach(clock, deadline);
  return result;
}

uint64_t tangle::rt::threadTime() { return t_thread.clock.elapsedNs; }

void tangle::rt::startThreadClock(uint64_t startNs) {
  VirtualClock creator;
  creator.elapsedNs = startNs;
  t_thread.clock = creator.forNewThread();
}

void tangle::rt::clockJoined(uint64_t endNs) { t_thread.clock.reach(endNs); }

bool tangle::rt::virtualClockSyscall(long number, const long *args,
                                     uintptr_t caller, long &result) {
  if (!virtualTimeFor(caller))
    return false;
  switch (number) {
  case SYS_clock_gettime: {
    auto clock = clockid_t(args[0]);
    auto *ts = reinterpret_cast<timespec *>(args[1]);
    if (!ts || baseOf(clock) == ClockBase::Real)
      return false;
    result = virtualGettime(clock, ts);
    return true;
  }
  case SYS_gettimeofday:
    if (!args[0])
      return false;
    result = virtualGettimeofday(reinterpret_cast<timeval *>(args[0]));
    return true;
  case SYS_time:
    result = virtualTime(reinterpret_cast<time_t *>(args[0]));
    return true;
  default:
    return false;
  }
}

TANGLE_INTERCEPTOR int clock_gettime(clockid_t clock, timespec *ts) {
  if (baseOf(clock) == ClockBase::Real || !virtualTimeFor(TANGLE_CALLER))
    return REAL(clock_gettime)(clock, ts);
  return virtualGettime(clock, ts);
}

TANGLE_INTERCEPTOR int gettimeofday(timeval *tv, void *tz) {
  // glibc declares tv nonnull, but programs pass NULL for the time zone
  // alone: compared where the compiler cannot assume it away.
  if (isNull(tv) || !virtualTimeFor(TANGLE_CALLER))
    return REAL(gettimeofday)(tv, tz);
  if (tz) // the obsolete time zone: the system's (not a time)
    REAL(gettimeofday)(nullptr, tz);
  return virtualGettimeofday(tv);
}

TANGLE_INTERCEPTOR time_t time(time_t *t) {
  if (!virtualTimeFor(TANGLE_CALLER))
    return REAL(time)(t);
  return virtualTime(t);
}

TANGLE_INTERCEPTOR int timespec_get(timespec *ts, int base) {
  if (base != TIME_UTC || !virtualTimeFor(TANGLE_CALLER))
    return REAL(timespec_get)(ts, base);
  virtualGettime(CLOCK_REALTIME, ts);
  return base;
}

// The CPU time of the process, as that of the calling thread (each
// thread's CPU clock is its own reads' ticks).
TANGLE_INTERCEPTOR clock_t clock() {
  if (!virtualTimeFor(TANGLE_CALLER))
    return REAL(clock)();
  return clock_t(readClock(ClockBase::CpuTime) /
                 (NsPerSecond / CLOCKS_PER_SEC));
}
