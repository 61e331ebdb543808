// See held_locks.h.
#include "model/detect/held_locks.h"

namespace tangle {

std::vector<HeldLock> locksHeldBefore(const Execution &execution,
                                      const ExecutionAnalysis &analysis,
                                      ThreadId t, uint32_t upTo) {
  HeldLocks held;
  for (uint32_t i = 0; i < upTo && i < analysis.outcomes.size(); ++i)
    held.apply(execution.events[i], analysis.outcomes[i], i, analysis.final);
  return held.of(t);
}

} // namespace tangle
