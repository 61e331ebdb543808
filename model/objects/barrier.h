// A pthread barrier: waits block until `count` threads have arrived.
#pragma once

#include "model/objects/thread_set.h"

#include <string>

namespace tangle {

struct Outcome;

struct BarrierState {
  ObjectAddr addr = 0;
  uint32_t count = 0;
  uint64_t round = 0;
  bool destroyed = false;
  ThreadList<ThreadId> arrived; // this round's arrivals, still waiting
};

/// Inline: the replays ask this of every operation, several times a step.
inline bool isBarrierOp(OpKind kind) {
  return kind >= OpKind::BarrierInit && kind <= OpKind::BarrierLeave;
}
bool barrierEnabled(const BarrierState &b, ThreadId t, const Operation &op);
Outcome barrierStep(BarrierState &b, ThreadId t, const Operation &op);
struct Access barrierAccess(const BarrierState &b, const Operation &op);
std::string barrierCanonical(const BarrierState &b);

} // namespace tangle
