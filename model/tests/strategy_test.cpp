// The random strategies (PCT, POS) and the portfolio on scripted programs:
// what they find that DPOR does not reach within a budget, that a seed names
// the same schedules, that they never make a verdict clean, and that a
// portfolio whose DPOR finishes gives DPOR's result.
#include "model/explore/explorer.h"
#include "model/explore/scheduler.h"
#include "model/explore/scripted_program.h"
#include "model/tests/cycle_script.h"

#include <gtest/gtest.h>
#include <set>

namespace tangle {
namespace {

using namespace scripts;

/// `noise` threads each take a shared lock once; then two threads take
/// locks 10 and 11, in opposite orders when `buggy`: a deadlock that needs
/// the first of them preempted between its two locks (a bug of depth 2).
Script noisyLockOrder(int noise, bool buggy) {
  std::vector<std::vector<Operation>> workers(2 + noise);
  for (int t = 0; t < noise; ++t)
    workers[t] = {lock(1), unlock(1)};
  ObjectAddr first = 10, second = 11;
  workers[noise] = {lock(first), lock(second), unlock(second), unlock(first)};
  if (buggy)
    std::swap(first, second);
  workers[noise + 1] = {lock(first), lock(second), unlock(second),
                        unlock(first)};
  return withMain(std::move(workers));
}

Report exploreWith(const Script &s, Strategy strategy, uint64_t executions,
                   uint64_t seed = DefaultSeed) {
  ScriptedProgram program(s);
  ExploreOptions options;
  options.strategy = strategy;
  options.maxExecutions = executions;
  options.seed = seed;
  return explore(program, options);
}

std::set<std::string> keys(const Report &r) {
  std::set<std::string> out;
  for (const Finding &f : r.findings)
    out.insert(f.key);
  return out;
}

constexpr uint64_t Budget = 300;

TEST(Strategy, RandomSchedulesFindABugThatDporDoesNotReachInTheBudget) {
  Script buggy = cycle3(8, 8);
  const uint64_t budget = 100;
  Report dpor = exploreWith(buggy, Strategy::Dpor, budget);
  // DPOR only sees the cycle in the lock-order graph: a warning that the
  // deadlock was not reached, which does not count.
  for (const Finding &f : dpor.findings) {
    EXPECT_EQ(std::string(findingId(f.kind)), "lock.order-inversion");
    EXPECT_FALSE(f.counted);
  }
  EXPECT_FALSE(dpor.stats.complete);

  Report pos = exploreWith(buggy, Strategy::Pos, budget);
  ASSERT_EQ(pos.findings.size(), 1u);
  const Finding &f = pos.findings[0];
  EXPECT_EQ(std::string(findingId(f.kind)), "deadlock.cycle");
  EXPECT_EQ(f.foundBy, "pos");
  EXPECT_EQ(pos.stats.strategy, "pos");
  EXPECT_EQ(pos.stats.pctDepth, 0u);

  // Its schedule replays it, under the default scheduler after it.
  ScriptedProgram program(buggy);
  Report again = replay(program, f.schedule, {});
  ASSERT_EQ(again.findings.size(), 1u);
  EXPECT_EQ(again.findings[0].key, f.key);

  // The portfolio runs the symmetric preemption search and random
  // schedules once DPOR cannot finish in the budget, and finds it too.
  Report portfolio = exploreWith(buggy, Strategy::Portfolio, budget);
  ASSERT_EQ(portfolio.findings.size(), 1u);
  EXPECT_NE(portfolio.findings[0].foundBy, "dpor");
  EXPECT_EQ(portfolio.stats.strategy, "dpor+sym+pct+pos");
  EXPECT_EQ(portfolio.stats.pctDepth, 3u);
}

TEST(Strategy, PctFindsADepthTwoBugAndItReplays) {
  Script buggy = noisyLockOrder(5, true);
  Report pct = exploreWith(buggy, Strategy::Pct, Budget);
  ASSERT_EQ(pct.findings.size(), 1u);
  const Finding &f = pct.findings[0];
  EXPECT_EQ(std::string(findingId(f.kind)), "deadlock.cycle");
  EXPECT_EQ(f.foundBy, "pct");
  EXPECT_GT(pct.stats.randomSchedules, 0u);
  EXPECT_EQ(pct.stats.pctDepth, 3u);
  EXPECT_EQ(pct.stats.pctThreads, 8u); // main, 7 created
  EXPECT_GT(pct.stats.pctSteps, 0u);
  EXPECT_EQ(pct.stats.strategy, "pct");
  ScriptedProgram program(buggy);
  Report again = replay(program, f.schedule, {});
  ASSERT_EQ(again.findings.size(), 1u);
  EXPECT_EQ(again.findings[0].key, f.key);
}

TEST(Strategy, TheSeedNamesTheSchedules) {
  Script buggy = noisyLockOrder(6, true);
  for (Strategy strategy : {Strategy::Pct, Strategy::Pos}) {
    Report a = exploreWith(buggy, strategy, Budget, 7);
    Report b = exploreWith(buggy, strategy, Budget, 7);
    ASSERT_EQ(a.findings.size(), b.findings.size());
    for (size_t i = 0; i < a.findings.size(); ++i)
      EXPECT_EQ(a.findings[i].schedule, b.findings[i].schedule);
    EXPECT_EQ(a.stats.steps, b.stats.steps);
    EXPECT_EQ(a.stats.seed, 7u);
  }
  // Other seeds, other schedules.
  std::set<std::vector<ThreadId>> firsts;
  ScriptedProgram program(noisyLockOrder(2, false));
  for (uint64_t seed = 1; seed <= 4; ++seed) {
    ExecutionRequest request;
    request.policy.kind = SchedulePolicy::Pos;
    request.policy.seed = seed;
    Execution e = program.run(request);
    std::vector<ThreadId> threads;
    for (const Event &event : e.events)
      threads.push_back(event.thread);
    firsts.insert(threads);
  }
  EXPECT_GT(firsts.size(), 1u);
}

TEST(Strategy, RandomSchedulesNeverMakeAVerdictClean) {
  Script clean = noisyLockOrder(6, false);
  for (Strategy strategy :
       {Strategy::Pct, Strategy::Pos, Strategy::Portfolio}) {
    Report r = exploreWith(clean, strategy, Budget);
    EXPECT_TRUE(r.findings.empty()) << strategyName(strategy);
    EXPECT_FALSE(r.stats.complete) << strategyName(strategy);
    EXPECT_GT(r.stats.randomSchedules, 0u) << strategyName(strategy);
    EXPECT_EQ(r.stats.executions + r.stats.sleepBlocked + r.stats.retryBounded,
              Budget)
        << strategyName(strategy);
  }
}

TEST(Strategy, PortfolioWithACompleteDporIsDpor) {
  std::vector<Script> scripts = {philosophers(3, 1, false),
                                 philosophers(4, 1, true), sharedLock(3, 2),
                                 noisyLockOrder(1, true)};
  for (const Script &s : scripts) {
    Report dpor = exploreWith(s, Strategy::Dpor, 100000);
    Report portfolio = exploreWith(s, Strategy::Portfolio, 100000);
    ASSERT_TRUE(dpor.stats.complete);
    EXPECT_TRUE(portfolio.stats.complete);
    EXPECT_EQ(portfolio.stats.randomSchedules, 0u);
    EXPECT_EQ(portfolio.stats.strategy, "dpor");
    EXPECT_EQ(portfolio.stats.executions, dpor.stats.executions);
    EXPECT_EQ(keys(portfolio), keys(dpor));
    ASSERT_EQ(portfolio.findings.size(), dpor.findings.size());
    for (size_t i = 0; i < dpor.findings.size(); ++i) {
      EXPECT_EQ(portfolio.findings[i].schedule, dpor.findings[i].schedule);
      EXPECT_EQ(portfolio.findings[i].foundBy, "dpor");
    }
  }
}

TEST(Strategy, PortfolioLeavesASmallTreeToDporEvenPastItsBudget) {
  // A tree of fewer than 1,000 executions that the budget cannot cover (one
  // execution of 1,000 forks takes seconds): the random schedules would
  // only take DPOR's turns, so the portfolio runs what DPOR runs, and finds
  // what it finds, in the same order.
  std::vector<Script> scripts = {philosophers(4, 1, true), sharedLock(3, 2),
                                 noisyLockOrder(2, true)};
  for (const Script &s : scripts) {
    Report all = exploreWith(s, Strategy::Dpor, 100000);
    ASSERT_TRUE(all.stats.complete);
    const uint64_t runs =
        all.stats.executions + all.stats.sleepBlocked + all.stats.retryBounded;
    ASSERT_GT(runs, 4u);
    ASSERT_LT(runs, 1000u);
    const uint64_t budget = runs / 2;
    Report dpor = exploreWith(s, Strategy::Dpor, budget);
    Report portfolio = exploreWith(s, Strategy::Portfolio, budget);
    EXPECT_FALSE(portfolio.stats.complete);
    EXPECT_EQ(portfolio.stats.randomSchedules, 0u);
    EXPECT_EQ(portfolio.stats.strategy, "dpor");
    EXPECT_EQ(portfolio.stats.executions, dpor.stats.executions);
    EXPECT_EQ(keys(portfolio), keys(dpor));
  }
}

TEST(Strategy, ARandomFindingGivesWayToOneWithFewerPreemptions) {
  // In a small budget only a random schedule reaches the deadlock, with
  // many preemptions; in a larger one the portfolio's DPOR goes on to the
  // counterexample with the fewest (two), and that is the one kept.
  Script buggy = cycle3(6, 6);
  Report small = exploreWith(buggy, Strategy::Portfolio, 40);
  ASSERT_EQ(small.findings.size(), 1u);
  EXPECT_NE(small.findings[0].foundBy, "dpor");
  EXPECT_GT(small.findings[0].preemptions, 2u);
  Report large = exploreWith(buggy, Strategy::Portfolio, 400);
  ASSERT_EQ(large.findings.size(), 1u);
  EXPECT_GT(large.stats.randomSchedules, 0u);
  EXPECT_EQ(large.findings[0].foundBy, "dpor");
  EXPECT_EQ(large.findings[0].preemptions, 2u);
}

TEST(Strategy, ASpinningThreadDoesNotStarveTheOthers) {
  // Thread 1 spins on a flag that thread 2 sets: under PCT, when the
  // spinner has the higher priority, its turns without change lower it, so
  // the store comes within a few turns, whatever the seed (the retry bound,
  // which would also make it give way, is set out of reach).
  Script s;
  s.threads = {{create(1), create(2), join(1), join(2)}, {}, {}};
  Operation spin = atomicLoad(s, 5); // one instruction, a loop's
  for (int i = 0; i < 200; ++i)
    s.threads[1].push_back(spin);
  s.threads[2].push_back(atomicStore(s, 5, 1));
  ScriptedProgram program(s);
  for (uint64_t seed = 0; seed < 20; ++seed) {
    ExecutionRequest request;
    request.retryBound = 1000000;
    request.policy.kind = SchedulePolicy::Pct;
    request.policy.depth = 1;
    request.policy.seed = seed;
    Execution e = program.run(request);
    ASSERT_EQ(e.end, EndReason::Exited) << seed;
    size_t loadsBefore = 0;
    for (const Event &event : e.events) {
      if (event.op.kind == OpKind::AtomicStore)
        break;
      loadsBefore += event.thread == 1;
    }
    EXPECT_LE(loadsBefore, 3u) << seed;
  }
}

} // namespace
} // namespace tangle
