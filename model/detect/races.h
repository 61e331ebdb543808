// Data races in one execution: happens-before with vector clocks over the
// synchronisation events and atomic accesses, then two accesses of
// different threads to overlapping bytes, at least one a write, not both
// atomic, that happens-before does not order (docs/races.md).
#pragma once

#include "model/detect/finding.h"
#include "model/explore/replay.h"

#include <cstdint>
#include <vector>

namespace tangle {

/// What an executed event does to happens-before: the object whose release
/// clock it joins into (release) and the one it takes in (acquire). Each
/// primitive's edges are written here; add a case for a new operation.
struct SyncEdges {
  // Message: one message of a queue (messageEdge), sent then received.
  // Readers: what the readers of an rwlock released (their unlocks order
  // nothing for each other, only for the next writer); Mutex, for an
  // rwlock, is what its writers released.
  enum Kind : uint8_t {
    None,
    Mutex,
    ThreadStart,
    ThreadExit,
    Object,
    Message,
    Readers
  };
  Kind acquireKind = None;
  uint64_t acquireFrom = 0;
  // A write lock takes in both its writers' and its readers' releases.
  Kind acquireKind2 = None;
  uint64_t acquireFrom2 = 0;
  Kind releaseKind = None;
  uint64_t releaseTo = 0;
};
SyncEdges syncEdges(const Event &event, const Outcome &outcome);

/// race.data and race.file findings of one execution (kind, locations = the two
/// access stacks, object = the address, threads with the locks each held, step,
/// accesses, key); the caller sets execution, schedule and preemptions.
/// Nothing for an execution whose accesses were not logged.
std::vector<Finding> detectRaces(const Execution &execution,
                                 const ExecutionAnalysis &analysis);

} // namespace tangle
