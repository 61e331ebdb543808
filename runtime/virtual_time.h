// The program's clock in controlled mode: each thread of an execution reads
// its own virtual clock (model/virtual_clock.h) instead of the real one, so
// that an execution's time is a function of its schedule (docs/runtime.md,
// "The virtual clock"). Sleeps and timed waits that time out move it on.
#pragma once

#include <cstdint>
#include <ctime>

namespace tangle::rt {

/// Whether a clock read by code at `caller` gets the virtual time: the
/// program's (and its libraries') reads in a process under `tangle check`
/// or `replay`, unless --real-time; never the runtime's own.
bool virtualTimeFor(uintptr_t caller);

/// The calling thread slept `ns`.
void clockSleep(uint64_t ns);

/// The calling thread slept until `deadline` on `clock`: its clock is there
/// at least.
void clockReach(clockid_t clock, const timespec *deadline);

/// `result` is a timed wait's, with the absolute `deadline` on `clock`: a
/// timeout (`ETIMEDOUT`) moves the calling thread's clock to the deadline,
/// so that the program sees the time it waited for as past. Returns
/// `result`.
int afterTimedWait(int result, clockid_t clock, const timespec *deadline);

/// The same for a call that fails with -1 and errno.
long afterTimedWaitErrno(long result, clockid_t clock,
                         const timespec *deadline);

/// The calling thread's time since the base, unread (no tick passes): what
/// a thread it creates starts at, and what a thread that joins it reaches
/// once it has ended (ThreadRecord::clockNs).
uint64_t threadTime();

/// The calling thread starts its clock at `startNs` (its creator's time).
void startThreadClock(uint64_t startNs);

/// The calling thread joined a thread whose clock ended at `endNs`.
void clockJoined(uint64_t endNs);

/// The calls through syscall(2) that read a clock (SYS_clock_gettime,
/// SYS_gettimeofday, SYS_time): true with `result` set when the call was
/// answered from the virtual clock.
bool virtualClockSyscall(long number, const long *args, uintptr_t caller,
                         long &result);

} // namespace tangle::rt
