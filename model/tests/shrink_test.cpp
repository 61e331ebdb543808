// Witness shrinking (model/explore/shrink.h): a random schedule's deadlock
// with many preemptions comes back with the fewest it needs, replayable.
#include "model/explore/shrink.h"

#include "model/explore/scripted_program.h"
#include "model/tests/cycle_script.h"

#include <gtest/gtest.h>

namespace tangle {
namespace {

using namespace scripts;

TEST(Shrink, APreemptionGoesByMovingTheThreadsNextStepsUp) {
  // Thread 0 could have gone on at step 2: its next run (steps 4 and 5)
  // moves up there, and thread 1's steps follow in their order.
  EXPECT_EQ(withoutPreemptions({0, 0, 1, 1, 0, 0, 1}, {2}),
            (std::vector<ThreadId>{0, 0, 0, 0, 1, 1, 1}));
  // Two at once, the later first, so that the earlier index still names
  // its step: no switch is left but the one at the end of thread 0.
  EXPECT_EQ(withoutPreemptions({0, 1, 0, 1, 0, 1}, {1, 3}),
            (std::vector<ThreadId>{0, 0, 0, 1, 1, 1}));
  // A thread with no step left, or a step that is no switch: unchanged.
  EXPECT_EQ(withoutPreemptions({0, 0, 1, 1}, {2, 3}),
            (std::vector<ThreadId>{0, 0, 1, 1}));
}

TEST(Shrink, ARandomDeadlockComesBackWithOnePreemption) {
  Script buggy = cycle3(8, 8);
  ScriptedProgram program(buggy);
  ExploreOptions options;
  options.strategy = Strategy::Pos;
  options.maxExecutions = 100;
  Report pos = explore(program, options);
  ASSERT_EQ(pos.findings.size(), 1u);
  const Finding found = pos.findings[0];
  ASSERT_EQ(std::string(findingId(found.kind)), "deadlock.cycle");
  ASSERT_GT(found.preemptions, 2u);

  std::vector<Finding> findings = pos.findings;
  ShrinkStats stats = shrinkWitnesses(program, findings, options, 150);
  const Finding &shrunk = findings[0];
  EXPECT_EQ(stats.shrunk, 1u);
  EXPECT_GT(stats.executions, 0u);
  EXPECT_LE(stats.executions, 150u);
  EXPECT_EQ(shrunk.key, found.key);
  EXPECT_EQ(shrunk.foundBy, "pos");
  EXPECT_EQ(shrunk.shrunkFrom, found.preemptions);
  // One preemption makes the cycle: the first philosopher preempted
  // between its two locks; the second then blocks on the first's fork
  // (leaving a blocked thread is no preemption), and the third closes it.
  EXPECT_EQ(shrunk.preemptions, 1u) << formatSchedule(shrunk.schedule);

  // The new schedule replays the same finding, with those preemptions.
  Report again = replay(program, shrunk.schedule, {});
  ASSERT_EQ(again.findings.size(), 1u);
  EXPECT_EQ(again.findings[0].key, found.key);
  EXPECT_EQ(again.findings[0].preemptions, shrunk.preemptions);

  // The same witness shrinks the same way.
  std::vector<Finding> twice = pos.findings;
  shrinkWitnesses(program, twice, options, 150);
  EXPECT_EQ(twice[0].schedule, shrunk.schedule);

  // No budget, no change.
  std::vector<Finding> none = pos.findings;
  EXPECT_EQ(shrinkWitnesses(program, none, options, 0).executions, 0u);
  EXPECT_EQ(none[0].schedule, found.schedule);
  EXPECT_EQ(none[0].shrunkFrom, 0u);

  // Nor when the witness alone is longer than the steps left to run.
  std::vector<Finding> tooLong = pos.findings;
  uint64_t witnessSteps = found.execution->events.size();
  EXPECT_EQ(
      shrinkWitnesses(program, tooLong, options, 150, witnessSteps - 1)
          .executions,
      0u);
  EXPECT_EQ(tooLong[0].schedule, found.schedule);
  // With room for three executions of its length, it runs three at most
  // (it runs four with no step budget).
  std::vector<Finding> few = pos.findings;
  ShrinkStats three =
      shrinkWitnesses(program, few, options, 150, 3 * witnessSteps);
  EXPECT_GT(three.executions, 0u);
  EXPECT_LE(three.executions, 3u);
}

} // namespace
} // namespace tangle
