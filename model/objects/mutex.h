// A pthread mutex (and what std::mutex, std::recursive_mutex and
// std::timed_mutex are built on): owner, recursion count, type.
#pragma once

#include "model/event.h"

namespace tangle {

struct Outcome;

struct MutexState {
  ObjectAddr addr = 0;
  MutexType type = MutexType::Default;
  ThreadId owner = NoThread;
  uint32_t count = 0; // recursion depth; 0 when free
  bool destroyed = false;

  bool held() const { return owner != NoThread; }
  bool recursive() const { return type == MutexType::Recursive; }
};

/// Whether thread t can execute op (a mutex operation) on m now.
bool mutexEnabled(const MutexState &m, ThreadId t, const Operation &op);
/// Executes op by t on m. Precondition: mutexEnabled.
Outcome mutexStep(MutexState &m, ThreadId t, const Operation &op);
/// How op by t would touch m if executed now.
struct Access mutexAccess(const MutexState &m, ThreadId t, const Operation &op);

} // namespace tangle

namespace tangle {
inline bool isAcquire(OpKind kind) {
  return kind == OpKind::MutexLock || kind == OpKind::MutexTryLock ||
         kind == OpKind::MutexTimedLock;
}
/// Inline: the replays ask this of every operation, several times a step.
inline bool isMutexOp(OpKind kind) {
  return isAcquire(kind) || kind == OpKind::MutexUnlock ||
         kind == OpKind::MutexInit || kind == OpKind::MutexDestroy;
}
} // namespace tangle
