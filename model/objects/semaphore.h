// A POSIX unnamed semaphore (sem_t): a counter that waits block on at zero.
#pragma once

#include "model/event.h"

#include <string>

namespace tangle {

struct Outcome;

struct SemaphoreState {
  bool opened = false; // a named semaphore: its first sem_open set value
  ObjectAddr addr = 0;
  uint64_t value = 0;
  bool destroyed = false;
};

/// Inline: the replays ask this of every operation, several times a step.
inline bool isSemaphoreOp(OpKind kind) {
  return kind >= OpKind::SemInit && kind <= OpKind::SemGetValue;
}
bool semaphoreEnabled(const SemaphoreState &s, const Operation &op);
/// `waiters`: other threads blocked in sem_wait on s (for destroy).
Outcome semaphoreStep(SemaphoreState &s, const Operation &op, bool waiters);
struct Access semaphoreAccess(const SemaphoreState &s, const Operation &op);
std::string semaphoreCanonical(const SemaphoreState &s);

} // namespace tangle
