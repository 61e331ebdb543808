// The symmetric preemption search (model/explore/symmetric_search.h): one
// thread of each group of interchangeable threads is tried, a different
// routine breaks the group, its findings replay, and it never decides a
// verdict (only DPOR's exhausted tree does).
#include "model/explore/explorer.h"
#include "model/explore/scripted_program.h"
#include "model/explore/symmetric_search.h"

#include <gtest/gtest.h>
#include <set>

namespace tangle {
namespace {

using namespace scripts;

/// Main starts `workers` threads that each take lock 1 then lock 2 in two
/// sections, then a reader that takes both, and joins them all. With
/// `sameRoutine` the workers all run script 1 (interchangeable); without,
/// each its own copy of it (distinct start routines).
Script twoStage(int workers, bool sameRoutine) {
  Script s;
  s.threads.resize(workers + 2);
  for (int t = 1; t <= workers; ++t) {
    s.threads[0].push_back(create(sameRoutine ? 1 : t));
    s.threads[t] = {lock(1), unlock(1), lock(2), unlock(2)};
  }
  const int reader = workers + 1;
  s.threads[0].push_back(create(reader));
  s.threads[reader] = {lock(1), unlock(1), lock(2), unlock(2)};
  for (int t = 1; t <= reader; ++t)
    s.threads[0].push_back(join(t));
  return s;
}

struct Count {
  uint64_t kinds = 0;      // candidates of a new kind
  uint64_t candidates = 0; // all of them
};

/// The deviations the search takes from the program's first execution.
Count deviationsOf(const Script &s) {
  ScriptedProgram program(s);
  Execution first = program.run(ExecutionRequest());
  SymmetricSearch search(2, false);
  search.add(first, 0, 0);
  Count c;
  c.kinds = search.kindsSeen();
  while (!search.empty()) {
    SymmetricSearch::Candidate candidate = search.next();
    EXPECT_EQ(candidate.deviations, 1u);
    ++c.candidates;
  }
  return c;
}

TEST(SymmetricSearch, InterchangeableThreadsAreTriedOnceAtEachState) {
  // Thirty workers of one routine against thirty of distinct routines: at
  // each state at most one worker besides the one that ran (plus main and
  // the reader) is tried, so the candidates grow with the states, not with
  // the workers squared. (A script's every create and join is its own call
  // site, so main's history adds kinds per worker either way.)
  Count thirty = deviationsOf(twoStage(30, true));
  Count distinct = deviationsOf(twoStage(30, false));
  EXPECT_LT(thirty.kinds * 10, distinct.kinds);
  EXPECT_LT(thirty.candidates * 5, distinct.candidates);
  ScriptedProgram program(twoStage(30, true));
  const uint64_t states = program.run(ExecutionRequest()).events.size();
  EXPECT_LE(thirty.candidates, 3 * states);
}

TEST(SymmetricSearch, ADifferentRoutineBreaksTheGroup) {
  // The same workers, each with its own start routine: none stands for
  // another, so there are more kinds the more workers there are.
  Count five = deviationsOf(twoStage(5, false));
  Count thirty = deviationsOf(twoStage(30, false));
  EXPECT_GT(thirty.kinds, five.kinds);
  EXPECT_GT(thirty.candidates, deviationsOf(twoStage(30, true)).candidates);
}

Report exploreWith(const Script &s, Strategy strategy, uint64_t executions) {
  ScriptedProgram program(s);
  ExploreOptions options;
  options.strategy = strategy;
  options.maxExecutions = executions;
  return explore(program, options);
}

std::set<std::string> keys(const Report &r) {
  std::set<std::string> out;
  for (const Finding &f : r.findings)
    if (f.counted)
      out.insert(f.key);
  return out;
}

/// `noise` interchangeable threads take lock 1; then two threads take
/// locks 10 and 11, in opposite orders when `buggy`.
Script noisyLockOrder(int noise, bool buggy) {
  Script s;
  s.threads.resize(4);
  for (int t = 0; t < noise; ++t)
    s.threads[0].push_back(create(1));
  s.threads[0].push_back(create(2));
  s.threads[0].push_back(create(3));
  for (int t = 1; t <= noise + 2; ++t)
    s.threads[0].push_back(join(t));
  s.threads[1] = {lock(1), unlock(1)};
  ObjectAddr first = 10, second = 11;
  s.threads[2] = {lock(first), lock(second), unlock(second), unlock(first)};
  if (buggy)
    std::swap(first, second);
  s.threads[3] = {lock(first), lock(second), unlock(second), unlock(first)};
  return s;
}

TEST(SymmetricSearch, ItsFindingReplays) {
  Script buggy = noisyLockOrder(6, true);
  Report sym = exploreWith(buggy, Strategy::Symmetric, 100);
  ASSERT_EQ(keys(sym).size(), 1u);
  const Finding *f = nullptr;
  for (const Finding &g : sym.findings)
    if (g.counted)
      f = &g;
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(std::string(findingId(f->kind)), "deadlock.cycle");
  EXPECT_EQ(f->foundBy, "sym");
  EXPECT_LE(f->preemptions, 2u);
  EXPECT_GT(sym.stats.symmetricSchedules, 0u);
  ScriptedProgram program(buggy);
  Report again = replay(program, f->schedule, {});
  std::set<std::string> replayed = keys(again);
  EXPECT_EQ(replayed.count(f->key), 1u) << formatSchedule(f->schedule);
}

TEST(SymmetricSearch, NeverDecidesTheVerdict) {
  // With the budget cut, the symmetric search ran and the verdict is
  // incomplete, not clean.
  Script clean = noisyLockOrder(8, false);
  for (Strategy strategy : {Strategy::Symmetric, Strategy::Portfolio}) {
    Report r = exploreWith(clean, strategy, 60);
    EXPECT_TRUE(keys(r).empty()) << strategyName(strategy);
    EXPECT_FALSE(r.stats.complete) << strategyName(strategy);
    EXPECT_GT(r.stats.symmetricSchedules, 0u) << strategyName(strategy);
  }
  // Given the budget, --strategy sym ends with DPOR's complete tree: the
  // same findings and verdict as DPOR alone, DPOR's executions besides.
  for (bool buggy : {false, true}) {
    Script s = noisyLockOrder(3, buggy);
    Report dpor = exploreWith(s, Strategy::Dpor, 100000);
    Report sym = exploreWith(s, Strategy::Symmetric, 100000);
    ASSERT_TRUE(dpor.stats.complete);
    EXPECT_TRUE(sym.stats.complete);
    EXPECT_EQ(keys(sym), keys(dpor));
    EXPECT_GT(sym.stats.symmetricSchedules, 0u);
    EXPECT_EQ(sym.stats.executions - sym.stats.symmetricSchedules,
              dpor.stats.executions);
    EXPECT_EQ(sym.stats.strategy, "dpor+sym");
  }
}

} // namespace
} // namespace tangle
