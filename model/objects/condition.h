// A condition variable (pthread_cond_t, std::condition_variable): its waiters
// and the wake-ups that signals and broadcasts granted them.
#pragma once

#include "model/objects/thread_set.h"

#include <string>

namespace tangle {

struct Outcome;
struct MutexState;

struct CondWaiter {
  ThreadId thread = NoThread;
  uint64_t since = 0;    // the condition's clock when it started waiting
  bool timed = false;    // timedwait: may time out
  bool notified = false; // woken by a broadcast
};

struct ConditionState {
  ObjectAddr addr = 0;
  ObjectAddr mutex = 0; // the mutex of the first wait (0: none yet)
  bool destroyed = false;
  uint64_t clock = 0; // orders waits and signals
  ThreadList<CondWaiter> waiters;
  // A signal wakes one of the threads waiting when it is sent: it is kept
  // as the clock value it was sent at, and any waiter that started waiting
  // before it may take it. Which one does is the scheduler's choice.
  ThreadList<uint64_t> signals;
  uint64_t lostSignals = 0; // signals sent while nobody could take them
};

/// Inline: the replays ask this of every operation, several times a step.
inline bool isConditionOp(OpKind kind) {
  return kind >= OpKind::CondInit && kind <= OpKind::CondBroadcast;
}
/// Whether t can execute op (a condition operation) now; m is the mutex of
/// a CondWake (nullptr when the program never touched it: free).
bool conditionEnabled(const ConditionState &c, const MutexState *m, ThreadId t,
                      const Operation &op, bool spuriousWakeups);
/// Executes op by t. m is the mutex in op.arg (wait and wake only).
Outcome conditionStep(ConditionState &c, MutexState *m, ThreadId t,
                      const Operation &op);
struct Access conditionAccess(const ConditionState &c, const MutexState *m,
                              ThreadId t, const Operation &op);
/// Whether t's CondWake would return without a wake-up (a timeout or a
/// spurious wake-up): one more turn of a waiting loop.
/// Waiter t was cancelled (objects/thread.h): it leaves the waiters
/// without taking a signal and takes the mutex again, as glibc's cleanup
/// of a cancelled wait does before the thread's cleanup handlers run.
Access conditionCancelWake(ConditionState &c, MutexState &m, ThreadId t);
bool conditionWakeWithoutSignal(const ConditionState &c, ThreadId t);
std::string conditionCanonical(const ConditionState &c);

} // namespace tangle
