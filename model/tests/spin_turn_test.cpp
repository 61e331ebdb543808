// Spin loops that only load and compare (AtomicSpinTurn: libstdc++'s spin,
// or a loop of the program the compile found pure, analyzer/SpinLoops.h):
// a race of a turn that repeats the turn before it is answered at the first
// turn of the repetition (explorer.cpp, firstTurnOfSpin). Held against the
// naive search and against DPOR without the rule on scripted programs whose
// loops spin on values: the same findings, final states and values read
// (the turns of such a loop show nothing but that it ended); and, for a
// loop that counts its turns, why the rule must not mark it.
#include "model/tests/observed_script.h"

#include <random>

using namespace tangle;
using namespace tangle::scripts;

namespace {

constexpr ObjectAddr Go = 0x100, Done = 0x200, Data = 0x300, M = 0x1000;

/// The same program with no spin marked: every turn a class of its own.
Script withoutRule(Script s) {
  for (auto &ops : s.threads)
    for (Operation &op : ops)
      op.flags &= ~AtomicSpinTurn;
  return s;
}

/// spin.c: n workers wait for `go`, write their data and count themselves
/// done; main sets `go` and waits until all are done, then reads the data.
Script goAndDone(int n, bool pure) {
  Script s;
  for (int i = 0; i < n; ++i)
    s.threads.push_back({atomicSpin(s, Go, 1, pure),
                         atomicStore(s, Data + 4 * i, 1),
                         atomicUpdate(s, Done, AtomicUpdate::Add, 1, true)});
  Script full = withWorkers(s);
  std::vector<Operation> &main = full.threads[0];
  std::vector<Operation> wait = {atomicStore(full, Go, 1),
                                 atomicSpin(full, Done, n, pure)};
  for (int i = 0; i < n; ++i)
    wait.push_back(atomicLoad(full, Data + 4 * i));
  main.insert(main.begin() + n, wait.begin(), wait.end());
  return full;
}

struct Three {
  Observed rule, noRule, naive;
};

Three searchThreeWays(const Script &s) {
  return {observe(s, true, SpinReads::Hidden),
          observe(withoutRule(s), true, SpinReads::Hidden),
          observe(withoutRule(s), false, SpinReads::Hidden)};
}

void expectSameOutcomes(const Three &r, const std::string &what) {
  ASSERT_TRUE(r.naive.stats.complete) << what;
  ASSERT_TRUE(r.rule.stats.complete) << what;
  ASSERT_TRUE(r.noRule.stats.complete) << what;
  EXPECT_EQ(r.rule.keys, r.naive.keys) << what;
  EXPECT_EQ(r.rule.finals, r.naive.finals) << what;
  EXPECT_EQ(r.rule.values, r.naive.values) << what;
  EXPECT_EQ(r.noRule.keys, r.naive.keys) << what;
  EXPECT_EQ(r.noRule.finals, r.naive.finals) << what;
  EXPECT_EQ(r.noRule.values, r.naive.values) << what;
  EXPECT_LE(r.rule.stats.executions, r.noRule.stats.executions) << what;
}

TEST(SpinTurnDpor, GoAndDoneSameAsNaiveInFewerExecutions) {
  Three one = searchThreeWays(goAndDone(1, true));
  expectSameOutcomes(one, "1 worker");
  EXPECT_LT(one.rule.stats.executions, one.noRule.stats.executions);
  // Two workers: too many for the naive search (over 5,000 executions);
  // with and without the rule, the same outcomes (spin.c's 352 classes
  // without it).
  Script two = goAndDone(2, true);
  Observed rule = observe(two, true, SpinReads::Hidden);
  Observed noRule = observe(withoutRule(two), true, SpinReads::Hidden);
  ASSERT_TRUE(rule.stats.complete && noRule.stats.complete);
  EXPECT_EQ(rule.keys, noRule.keys);
  EXPECT_EQ(rule.finals, noRule.finals);
  EXPECT_EQ(rule.values, noRule.values);
  EXPECT_LT(rule.stats.executions, noRule.stats.executions);
  std::printf("1 worker: %llu executions with the rule, %llu without, %llu "
              "naive; 2 workers: %llu with, %llu without\n",
              (unsigned long long)one.rule.stats.executions,
              (unsigned long long)one.noRule.stats.executions,
              (unsigned long long)one.naive.stats.executions,
              (unsigned long long)rule.stats.executions,
              (unsigned long long)noRule.stats.executions);
}

TEST(SpinTurnDpor, AWaitNobodyEndsIsStillAStall) {
  // The worker waits for a `go` main never sets.
  Script s;
  s.threads = {{atomicSpin(s, Go, 1, true)}};
  s = withWorkers(s);
  s.threads[0].insert(s.threads[0].begin() + 1, atomicStore(s, Data, 1));
  Three r = searchThreeWays(s);
  expectSameOutcomes(r, "no go");
  EXPECT_EQ(r.rule.keys.size(), 1u);
}

TEST(SpinTurnDpor, ALoopEnteredAgainSameAsNaive) {
  // for (2 times) while (load(&go) < 1) {}, then a store; main sets go,
  // clears it and sets it again. The worker's two passes read 1 at one
  // instruction with the same frames: a repetition across the loop's
  // exit, whose race with the clear is answered before the first pass.
  Script s;
  Operation loop = atomicSpin(s, Go, 1, true);
  s.threads = {{loop, loop, atomicStore(s, Data, 1)}};
  s = withWorkers(s);
  std::vector<Operation> &main = s.threads[0];
  main.insert(main.begin() + 1, {atomicStore(s, Go, 1), atomicStore(s, Go, 0),
                                 atomicLoad(s, Data), atomicStore(s, Go, 1)});
  Three r = searchThreeWays(s);
  expectSameOutcomes(r, "entered again");
  EXPECT_GT(r.rule.values.size(), 1u);
  std::printf("entered again: %llu executions with the rule, %llu without, "
              "%llu naive\n",
              (unsigned long long)r.rule.stats.executions,
              (unsigned long long)r.noRule.stats.executions,
              (unsigned long long)r.naive.stats.executions);
}

TEST(SpinTurnDpor, ALoopThatCountsItsTurnsMustNotBeMarked) {
  // while (!f.load()) ++n; with n seen afterwards: how many turns ran
  // before main's store is part of the outcome. Marked as a pure spin, the
  // store is tried before the first turn and after the last, never
  // between: outcomes are lost. Unmarked (what the compile does for such a
  // loop, analyzer/SpinLoops.h), DPOR sees what the naive search sees.
  Script s;
  s.threads = {{atomicSpin(s, Go, 1, true)}};
  s = withWorkers(s);
  s.threads[0].insert(s.threads[0].begin() + 1, atomicStore(s, Go, 1));
  Observed marked = observe(s, true, SpinReads::Seen);
  Observed unmarked = observe(withoutRule(s), true, SpinReads::Seen);
  Observed naive = observe(withoutRule(s), false, SpinReads::Seen);
  EXPECT_EQ(unmarked.values, naive.values);
  EXPECT_GT(naive.values.size(), 2u); // 1, 2, 3 or more turns
  EXPECT_LT(marked.values.size(), naive.values.size());
}

/// A random program: 2-3 workers, each a few of: a spin on one of two
/// variables until it reaches 1 or 2 (sometimes entered twice), a store, a
/// blind or used add, a load, a section under a mutex; main may set a variable
/// first, and may set both to 2 once the workers run.
Script randomSpinScript(std::mt19937 &rng) {
  Script s;
  auto pick = [&](int n) { return int(rng() % n); };
  const ObjectAddr vars[] = {Go, Done};
  int workers = 2 + pick(2);
  for (int w = 0; w < workers; ++w) {
    std::vector<Operation> ops;
    int n = 1 + pick(3);
    for (int k = 0; k < n; ++k) {
      ObjectAddr a = vars[pick(2)];
      switch (pick(6)) {
      case 0:
        ops.push_back(atomicSpin(s, a, 1 + pick(2), true));
        break;
      case 1: {
        // The same loop entered twice in a row, with nothing visible
        // between (`for (2 times) while (load(&a) < v) {}`): its loads
        // repeat across the exit, same instruction and frames.
        Operation loop = atomicSpin(s, a, 1 + pick(2), true);
        ops.push_back(loop);
        ops.push_back(loop);
        break;
      }
      case 2:
        ops.push_back(atomicStore(s, a, 1 + pick(2)));
        break;
      case 3:
        ops.push_back(atomicUpdate(s, a, AtomicUpdate::Add, 1, pick(2)));
        break;
      case 4:
        ops.push_back(atomicLoad(s, a));
        break;
      default:
        ops.push_back(lock(M));
        ops.push_back(atomicUpdate(s, a, AtomicUpdate::Add, 1, false));
        ops.push_back(unlock(M));
      }
    }
    s.threads.push_back(ops);
  }
  Script full = withWorkers(s);
  if (pick(2))
    full.threads[0].insert(full.threads[0].begin(), atomicStore(full, Go, 1));
  // Mostly, main ends the waits after starting the workers (a wait nobody
  // ends runs SpinLimit turns in every execution: slow to search naively).
  if (pick(4)) {
    auto afterCreates =
        full.threads[0].begin() + (full.threads[0].size() - size_t(workers));
    full.threads[0].insert(
        afterCreates, {atomicStore(full, Go, 2), atomicStore(full, Done, 2)});
  }
  return full;
}

TEST(SpinTurnDpor, RandomProgramsSameAsNaive) {
  std::mt19937 rng(20261206);
  int compared = 0, withFindings = 0;
  uint64_t rule = 0, noRule = 0, naive = 0;
  for (int i = 0; compared < 15 && i < 200; ++i) {
    Script s = randomSpinScript(rng);
    Observed n = observe(withoutRule(s), false, SpinReads::Hidden, 400);
    if (!n.stats.complete)
      continue; // too big for the naive search: try another
    Three r{observe(s, true, SpinReads::Hidden),
            observe(withoutRule(s), true, SpinReads::Hidden), n};
    expectSameOutcomes(r, "program " + std::to_string(i));
    rule += r.rule.stats.executions;
    noRule += r.noRule.stats.executions;
    naive += n.stats.executions;
    withFindings += !n.keys.empty();
    ++compared;
  }
  EXPECT_EQ(compared, 15);
  EXPECT_GE(withFindings, 1); // a spin nobody ends stalls
  EXPECT_LT(rule, noRule);
  std::printf("%d programs: %llu executions with the rule, %llu without, "
              "%llu naive\n",
              compared, (unsigned long long)rule, (unsigned long long)noRule,
              (unsigned long long)naive);
}

} // namespace
