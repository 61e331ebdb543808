// The linear tiers of deadlock prediction (docs/prediction.md): the
// sync-preserving closure of a candidate (Tunç et al., PLDI 2023) and the
// same closure with the cycle's held sections moved last, each turned into
// a witness that a lock-state simulation checks before it is returned. The
// solver (predict.cpp) is asked only about candidates neither decides.
#pragma once

#include "model/predict/facts.h"
#include "model/predict/predict.h"

#include <unordered_map>
#include <vector>

namespace tangle::predict {

/// What the closure looks up per event, built once per trace.
struct ClosureIndex {
  /// Per thread and event: the section it starts (an index into
  /// Facts::sections, whose order is the recorded order of acquisitions),
  /// or NoIndex.
  std::vector<std::vector<uint32_t>> sectionAt;
  /// Per thread and event: its place in its ordered object's recorded
  /// list, or NoIndex.
  std::vector<std::vector<uint32_t>> objectPlace;
  std::unordered_map<uint64_t, std::vector<EventRef>> objects;
  /// Each thread's creator and the index of its create event.
  std::vector<EventRef> createdAt;

  explicit ClosureIndex(const Facts &facts);
};

/// How the closure treats the sections the cycle holds.
enum class ClosureTier : uint8_t {
  /// Sync-preserving: every section that runs keeps its recorded order
  /// (sound for every value a lock protects); the witness is the closure
  /// in recorded order.
  SyncPreserving,
  /// The held sections run last: other threads' later sections of the
  /// held locks run before them; the witness is the rest of the closure in
  /// recorded order, then each cycle thread from its acquisition on.
  HeldLast,
};

/// Decides `candidate` in time linear in the events the closure takes in.
/// Feasible (with a checked witness) or Infeasible with the reason; an
/// Infeasible answer of HeldLast is not a proof (the solver may still
/// move other sections).
Prediction closeCandidate(const Facts &facts, const ClosureIndex &index,
                          const DeadlockCandidate &candidate, ClosureTier tier);

/// Whether `witness`, run in order, is an execution of the recorded
/// events (program order, create before start, exit before join, lock
/// mutual exclusion, every ordered object's recorded order) that ends
/// with each thread of `candidate` at its request, holding its lock while
/// the next one holds the lock it requests. Empty when it is; else why not.
std::string checkWitness(const Facts &facts, const ClosureIndex &index,
                         const DeadlockCandidate &candidate,
                         const std::vector<EventRef> &witness);

} // namespace tangle::predict
