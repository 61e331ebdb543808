// The symmetric preemption search: a bug-finding stage of the portfolio
// (docs/exploration.md, "The symmetric preemption search"). It never
// decides a verdict: only DPOR's exhausted tree makes one clean.
//
// From an execution it tries schedules that follow it up to a state and
// there run another thread, then go on under the default scheduler: one
// deviation (at most one preemption), then, from those executions, a
// second. Two threads are interchangeable at a state when they run the
// same start routine with the same argument and have made the same calls
// so far (operation, object, call site, result): of such a group only the
// lowest-numbered enabled thread is tried, and none when the group holds
// the thread the execution ran there. Deviations whose *kind* was not yet
// tried come first -- the kind is the class and capped history (repeats of
// one call counted 1, 2, many) of the thread preempted and of the thread
// run -- so the first executions try every distinct situation once (the
// first worker stopped between its two stages, the reader run there),
// not 99 copies of one by 99 interchangeable workers.
//
// Why not a reduction of DPOR's tree: interchangeable threads stop being
// interchangeable when a thread names one of them (main joins t[0] while
// t[1] runs; a thread id stored in memory and compared), which the model
// does not see in full (memory holding ids, pthread_self); the grouping
// here is not proved to keep a representative of every class of
// executions, so it only chooses which executions to try first.
#pragma once

#include "model/explore/program.h"

#include <cstdint>
#include <deque>
#include <memory>
#include <unordered_set>
#include <vector>

namespace tangle {

class SymmetricSearch {
public:
  /// Deviations per schedule (two: at most two preemptions).
  static constexpr uint32_t MaxDeviations = 2;
  /// Candidates kept waiting besides the first of each kind: beyond this
  /// the search drops the rest (it is a bug-finding stage, not a proof).
  static constexpr size_t MaxWaiting = 200000;

  struct Candidate {
    std::vector<ThreadId> prefix; // the schedule up to and with the deviation
    uint32_t deviations = 0;      // of this candidate's schedule
  };

  SymmetricSearch(uint32_t retryBound, bool spuriousWakeups)
      : retryBound_(retryBound), spuriousWakeups_(spuriousWakeups) {}

  /// Adds the deviations of `execution` at its states `from` on; it made
  /// `deviations` deviations before `from` (0 for the first execution).
  /// Nothing is added once it has MaxDeviations.
  void add(const Execution &execution, uint32_t from, uint32_t deviations);

  bool empty() const { return novel_.empty() && waiting_.empty(); }
  /// The next schedule to try: the first of a new kind if any, else the
  /// oldest other one. Requires !empty().
  Candidate next();

  uint64_t kindsSeen() const { return seen_.size(); }

private:
  struct Pending {
    std::shared_ptr<const std::vector<ThreadId>> schedule; // the parent's
    uint32_t at = 0;
    ThreadId thread = NoThread;
    uint32_t deviations = 0;
  };

  uint32_t retryBound_;
  bool spuriousWakeups_;
  std::deque<Pending> novel_;   // the first of their kind
  std::deque<Pending> waiting_; // the others, oldest first
  std::unordered_set<uint64_t> seen_;
};

} // namespace tangle
