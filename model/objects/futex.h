// A futex word: the kernel's wait queue behind libstdc++'s std::promise /
// std::future, std::async, std::latch, std::barrier, std::counting_semaphore
// and std::atomic::wait/notify (they call syscall(SYS_futex, ...)). The
// model keeps who waits on the word and whether a wake-up reached them; the
// word's value stays in the program's memory, and the runtime reads it at
// the moment the wait executes (runtime/futexes.cpp), as the kernel does.
#pragma once

#include "model/objects/thread_set.h"

#include <string>

namespace tangle {

struct Outcome;

struct FutexWaiter {
  ThreadId thread = NoThread;
  uint32_t bitset = 0; // FUTEX_WAIT_BITSET's mask; all ones for FUTEX_WAIT
  bool timed = false;  // a timeout was given: it may time out
  bool woken = false;  // a FUTEX_WAKE chose it
};

struct FutexState {
  ObjectAddr addr = 0;
  ThreadList<FutexWaiter> waiters; // in the order they started waiting
};

/// What a futex operation carries (see OpKind::FutexWait and friends).
inline uint32_t futexBitset(const Operation &op) { return uint32_t(op.arg); }
inline uint32_t futexExpected(const Operation &op) {
  return uint32_t(op.arg >> 32);
}
inline uint32_t futexWakeCount(const Operation &op) {
  return uint32_t(op.arg >> 32);
}

bool isFutexOp(OpKind kind);
/// Whether t can execute op now: a FutexResume waits until a wake-up chose
/// t, unless it may time out (or wake spuriously).
bool futexEnabled(const FutexState &f, ThreadId t, const Operation &op,
                  bool spuriousWakeups);
Outcome futexStep(FutexState &f, ThreadId t, const Operation &op);
struct Access futexAccess(const FutexState &f, ThreadId t, const Operation &op);
/// Whether t's FutexResume would return without a wake-up (a timeout or a
/// spurious wake-up): one more turn of a waiting loop.
bool futexResumeWithoutWake(const FutexState &f, ThreadId t);
std::string futexCanonical(const FutexState &f);

} // namespace tangle
