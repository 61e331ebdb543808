// Witness shrinking: a finding's counterexample with fewer preemptions.
// A random schedule (PCT, POS) finds bugs with witnesses of dozens or
// hundreds of context switches, when the same bug nearly always shows with
// one or two, and a reader follows a witness switch by switch. After the
// exploration each such witness is rewritten, Tinertia-style (Jalbert and
// Sen, FSE 2010), and the shorter one kept when its execution shows the same
// finding again (docs/exploration.md, "Witness shrinking").
#pragma once

#include "model/explore/explorer.h"

#include <cstdint>
#include <vector>

namespace tangle {

/// An execution's steps (the thread of each event) with the preemptions in
/// `remove` taken out: for each, the thread switched away from goes on with
/// its next run of steps, moved up to the preemption, and the other
/// threads' steps follow in their old order. `remove` holds step indexes
/// (a preemption at step i: step i's thread differs from step i - 1's,
/// which could have gone on); the result keeps each thread's steps in
/// their order.
std::vector<ThreadId> withoutPreemptions(const std::vector<ThreadId> &steps,
                                         std::vector<uint32_t> remove);

struct ShrinkStats {
  uint64_t executions = 0; // executions run to shrink
  uint32_t shrunk = 0;     // findings whose witness got fewer preemptions
};

constexpr uint64_t NoStepBudget = UINT64_MAX;

/// Shrinks the witness of each finding in `findings` with more than one
/// preemption, running at most `budget` executions of `program` in all
/// and about `stepBudget` steps (an execution is not run when the steps so
/// far and its witness's would pass it: a witness of 700,000 steps is left
/// as found), and none once `options.interrupt` is set. A finding's new witness is
/// an execution showing the finding of the same key, with fewer
/// preemptions, and, when the old one showed a lost update, one too; its
/// `shrunkFrom` says how many preemptions the witness had as found.
/// Deterministic: the executions depend on the witnesses alone.
ShrinkStats shrinkWitnesses(Program &program, std::vector<Finding> &findings,
                            const ExploreOptions &options, uint64_t budget,
                            uint64_t stepBudget = NoStepBudget);

} // namespace tangle
