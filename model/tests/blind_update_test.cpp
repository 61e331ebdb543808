// Blind atomic updates (objects/atomic.h): read-modify-writes whose result
// nobody uses commute with blind updates of the same kind. Their dependence,
// how the runtime recognises them from a stack (blind_sites.h), what they do
// to spin detection, and DPOR against the naive search on generated
// programs that mix them with used updates, loads, stores, exchanges and
// locks: the same findings, final states and values read. Also the atomics
// on a futex word against the futex operations on it (objects/futex.h):
// only a wait, which reads the word, conflicts with them.
#include "model/blind_sites.h"
#include "model/explore/explorer.h"
#include "model/explore/replay.h"
#include "model/explore/scripted_program.h"
#include "model/machine.h"
#include "model/tests/observed_script.h"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <set>

using namespace tangle;
using namespace tangle::scripts;

namespace {

constexpr ObjectAddr X = 0x100, Y = 0x200, M = 0x1000;

Operation rmw(ObjectAddr a, AtomicUpdate update, bool blind) {
  return {OpKind::AtomicRmw,
          uint16_t(4 | atomicUpdateFlags(update) | (blind ? AtomicBlind : 0)),
          0, a, 0x4000};
}

Access accessOf(const Operation &op) {
  AtomicState state;
  state.addr = op.object;
  return atomicAccess(state, op);
}

bool conflict(const Operation &a, const Operation &b) {
  return dependent(accessOf(a), accessOf(b));
}

TEST(BlindUpdate, CommutesOnlyWithBlindUpdatesOfItsKind) {
  const AtomicUpdate kinds[] = {AtomicUpdate::Add, AtomicUpdate::Or,
                                AtomicUpdate::And, AtomicUpdate::Xor};
  for (AtomicUpdate a : kinds)
    for (AtomicUpdate b : kinds)
      EXPECT_EQ(conflict(rmw(X, a, true), rmw(X, b, true)), a != b)
          << int(a) << " " << int(b);
  Operation add = rmw(X, AtomicUpdate::Add, true);
  // A used update, a load, a store, an exchange: all conflict with it.
  EXPECT_TRUE(conflict(add, rmw(X, AtomicUpdate::Add, false)));
  EXPECT_TRUE(conflict(add, {OpKind::AtomicLoad, 4, 0, X, 0}));
  EXPECT_TRUE(conflict(add, {OpKind::AtomicStore, 4, 0, X, 0}));
  EXPECT_TRUE(conflict(add, rmw(X, AtomicUpdate::None, true)));
  // Another variable: independent.
  EXPECT_FALSE(conflict(add, rmw(Y, AtomicUpdate::Add, false)));
  // A blind flag on a load means nothing.
  EXPECT_TRUE(conflict({OpKind::AtomicLoad, AtomicBlind | 4, 0, X, 0},
                       rmw(X, AtomicUpdate::Add, false)));
}

TEST(BlindUpdate, ChangesByItsOperandAlone) {
  EXPECT_TRUE(blindUpdateChanges(AtomicUpdate::Add, 1, 4));
  EXPECT_FALSE(blindUpdateChanges(AtomicUpdate::Add, 0, 4));
  EXPECT_FALSE(blindUpdateChanges(AtomicUpdate::Add, 0x100000000ull, 4));
  EXPECT_TRUE(blindUpdateChanges(AtomicUpdate::Or, 4, 1));
  EXPECT_FALSE(blindUpdateChanges(AtomicUpdate::Or, 0, 8));
  EXPECT_FALSE(blindUpdateChanges(AtomicUpdate::And, 0xff, 1));
  EXPECT_TRUE(blindUpdateChanges(AtomicUpdate::And, 0xfe, 1));
  EXPECT_FALSE(blindUpdateChanges(AtomicUpdate::And, ~0ull, 8));
  EXPECT_TRUE(blindUpdateChanges(AtomicUpdate::Xor, 1, 2));
}

TEST(BlindUpdate, IsNeverATurnOfASpin) {
  Machine machine;
  machine.post(0, {OpKind::ThreadCreate, 0, 0, 0, 0});
  ThreadId t = ThreadId(machine.step(0).result);
  machine.step(t);
  // An `x |= 0` in a loop changes nothing, but reads nothing either.
  Operation orZero = rmw(X, AtomicUpdate::Or, true);
  for (int i = 0; i < 5; ++i) {
    machine.post(t, orZero);
    EXPECT_FALSE(machine.wouldFailTry(t));
    machine.step(t);
    machine.completeAtomic(t, orZero, false);
  }
  EXPECT_EQ(machine.thread(t).failedTries, 0u);
  // The same operation, used, is a spin after its first turn.
  Operation used = rmw(X, AtomicUpdate::Or, false);
  machine.post(t, used);
  machine.step(t);
  machine.completeAtomic(t, used, false);
  machine.post(t, used);
  EXPECT_TRUE(machine.wouldFailTry(t));
}

TEST(BlindSites, TheFirstFrameBeyondTheWrappersDecides) {
  CodeRange sites[] = {{0x1000, 0x1010}, {0x2000, 0x2040}};
  CodeRange wrappers[] = {{0x8000, 0x8100}, {0x9000, 0x9100}};
  BlindSiteTable table{sites, 2, wrappers, 2};
  auto blind = [&](std::vector<uint64_t> returns) {
    returns.resize(8, 0);
    return blindCallSite(table, returns.data(), 8);
  };
  // A return address is one past the call: its call lies in the range.
  EXPECT_TRUE(blind({0x1005, 0x5555}));
  EXPECT_TRUE(blind({0x1010}));
  EXPECT_FALSE(blind({0x1011}));
  EXPECT_FALSE(blind({0x1000}));
  // Through a wrapper or two (std::atomic's operator++).
  EXPECT_TRUE(blind({0x8010, 0x2001}));
  EXPECT_TRUE(blind({0x8010, 0x9010, 0x2001}));
  EXPECT_TRUE(blind({0x8010, 0x9010, 0x8020, 0x2001}));
  EXPECT_FALSE(blind({0x8010, 0x9010, 0x8020, 0x9020, 0x2001}));
  // Ordinary code between: a function that uses the result.
  EXPECT_FALSE(blind({0x5000, 0x2001}));
  EXPECT_FALSE(blind({0x8010, 0x5000, 0x2001}));
  // A stack that ends early.
  EXPECT_FALSE(blind({0x8010}));
  EXPECT_FALSE(blind({}));
  // Without a table (no source pass), nothing is blind.
  BlindSiteTable none;
  uint64_t returns[] = {0x1005};
  EXPECT_FALSE(blindCallSite(none, returns, 1));
}

TEST(BlindSites, NormalizeSortsAndMerges) {
  CodeRange r[] = {
      {0x30, 0x40}, {0x10, 0x20}, {0x20, 0x28}, {0x50, 0x50}, {0x35, 0x38}};
  size_t n = normalizeRanges(r, 5);
  ASSERT_EQ(n, 2u);
  EXPECT_EQ(r[0].begin, 0x10u);
  EXPECT_EQ(r[0].end, 0x28u);
  EXPECT_EQ(r[1].begin, 0x30u);
  EXPECT_EQ(r[1].end, 0x40u);
}

Script counter(int threads, int updates, bool blind) {
  Script s;
  for (int t = 0; t < threads; ++t) {
    std::vector<Operation> ops;
    for (int k = 0; k < updates; ++k)
      ops.push_back(atomicUpdate(s, X, AtomicUpdate::Add, 1, blind));
    s.threads.push_back(ops);
  }
  return withWorkers(s);
}

TEST(BlindUpdateDpor, ACounterOfBlindAddsIsOneExecution) {
  Observed blind = observe(counter(3, 4, true), true);
  EXPECT_TRUE(blind.stats.complete);
  EXPECT_EQ(blind.stats.executions, 1u);
  EXPECT_EQ(blind.values, std::set<std::string>{"final 256=12 "});
  // The same updates with their results used: every order of them.
  Observed used = observe(counter(3, 2, false), true);
  EXPECT_TRUE(used.stats.complete);
  EXPECT_EQ(used.stats.executions, 90u); // 6! / (2! 2! 2!)
  EXPECT_EQ(used.values.size(), 90u);
}

TEST(BlindUpdateDpor, KindsDoNotCommuteWithEachOther) {
  // x + 1 then x | 2, or x | 2 then x + 1: 3 or 3 from 0, but from 1:
  // 1 + 1 | 2 = 2, (1 | 2) + 1 = 4.
  Script s;
  s.threads = {{atomicUpdate(s, X, AtomicUpdate::Add, 1, true)},
               {atomicUpdate(s, X, AtomicUpdate::Or, 2, true)}};
  s = withWorkers(s);
  s.threads[0].insert(s.threads[0].begin(), atomicStore(s, X, 1));
  Observed dpor = observe(s, true), naive = observe(s, false);
  EXPECT_EQ(dpor.stats.executions, 2u);
  EXPECT_EQ(dpor.values, naive.values);
  EXPECT_EQ(dpor.values.size(), 2u);
}

TEST(BlindUpdateDpor, AUsedUpdateOrderedAgainstBlindOnes) {
  // Thread 2 reads what it adds to: it sees 0, 1 or 2 blind increments.
  Script s;
  s.threads = {{atomicUpdate(s, X, AtomicUpdate::Add, 1, true),
                atomicUpdate(s, X, AtomicUpdate::Add, 1, true)},
               {atomicUpdate(s, X, AtomicUpdate::Add, 10, false)}};
  s = withWorkers(s);
  Observed dpor = observe(s, true), naive = observe(s, false);
  EXPECT_EQ(dpor.values, naive.values);
  EXPECT_EQ(dpor.values.size(), 3u);
  EXPECT_EQ(dpor.stats.executions, 3u);
}

/// A random program: 2-3 workers of 1-3 operations on two atomics (blind
/// updates of every kind, used updates, loads, stores, exchanges) and a
/// mutex section; main may return without joining.
Script randomScript(std::mt19937 &rng) {
  Script s;
  auto pick = [&](int n) { return int(rng() % n); };
  const AtomicUpdate kinds[] = {AtomicUpdate::Add, AtomicUpdate::Or,
                                AtomicUpdate::And, AtomicUpdate::Xor};
  int workers = 2 + pick(2);
  for (int w = 0; w < workers; ++w) {
    std::vector<Operation> ops;
    int n = 1 + pick(3);
    for (int k = 0; k < n; ++k) {
      ObjectAddr a = pick(4) == 0 ? Y : X;
      AtomicUpdate kind = kinds[pick(pick(2) ? 2 : 4)]; // mostly add and or
      uint64_t operand = 1 + pick(6);
      if (kind == AtomicUpdate::And)
        operand = ~operand;
      switch (pick(10)) {
      case 0:
        ops.push_back(atomicLoad(s, a));
        break;
      case 1:
        ops.push_back(atomicStore(s, a, pick(4)));
        break;
      case 2:
        ops.push_back(atomicExchange(s, a, pick(4)));
        break;
      case 3:
        ops.push_back(atomicUpdate(s, a, kind, operand, false));
        break;
      case 4:
        ops.push_back(lock(M));
        ops.push_back(atomicUpdate(s, a, kind, operand, true));
        ops.push_back(unlock(M));
        break;
      default:
        ops.push_back(atomicUpdate(s, a, kind, operand, true));
      }
    }
    s.threads.push_back(ops);
  }
  Script full = withWorkers(s, pick(8) == 0);
  // Main sometimes starts from other values, or looks during the run.
  if (pick(2))
    full.threads[0].insert(full.threads[0].begin(), atomicStore(full, X, 5));
  if (pick(3) == 0)
    full.threads[0].insert(full.threads[0].begin() + workers / 2 + 1,
                           atomicLoad(full, X));
  return full;
}

/// The same program with every update's result used.
Script withoutBlindUpdates(Script s) {
  for (auto &ops : s.threads)
    for (Operation &op : ops)
      op.flags &= ~AtomicBlind;
  return s;
}

/// Compares DPOR with the naive search on `programs` programs of
/// `generate`: the same findings, final states and values read.
void compareWithNaive(uint32_t seed, int programs,
                      Script (*generate)(std::mt19937 &) = randomScript) {
  std::mt19937 rng(seed);
  int compared = 0, withFindings = 0;
  // (Executions with the results used, for comparison: in these mixed
  // programs the saving is small; a counter shows it, above.)
  uint64_t dporExecutions = 0, usedExecutions = 0, naiveExecutions = 0;
  for (int i = 0; compared < programs && i < 10 * programs; ++i) {
    Script script = generate(rng);
    Observed naive = observe(script, false);
    if (!naive.stats.complete || naive.stats.executions > 1000)
      continue; // too big for the naive search: try another
    Observed dpor = observe(script, true);
    ASSERT_TRUE(dpor.stats.complete) << "seed " << seed << " program " << i;
    EXPECT_EQ(dpor.keys, naive.keys) << "seed " << seed << " program " << i;
    EXPECT_EQ(dpor.finals, naive.finals) << "seed " << seed << " program " << i;
    EXPECT_EQ(dpor.values, naive.values) << "seed " << seed << " program " << i;
    EXPECT_LE(dpor.stats.executions, naive.stats.executions);
    // What the same program costs with every result used. (Not less in
    // every program: an update that happens to change nothing counts as a
    // look when its result is used, and x |= 1 on an odd x then commutes
    // with loads; a blind one conflicts with them whatever x is.)
    Observed used = observe(withoutBlindUpdates(script), true);
    dporExecutions += dpor.stats.executions;
    usedExecutions += used.stats.executions;
    naiveExecutions += naive.stats.executions;
    withFindings += !naive.keys.empty();
    ++compared;
  }
  EXPECT_EQ(compared, programs);
  // Main returning early cuts workers off; a wait nobody wakes stalls.
  EXPECT_GE(withFindings, 1);
  std::printf("seed %u: %d programs: %llu DPOR "
              "executions (%llu with every result used), %llu naive\n",
              seed, compared, (unsigned long long)dporExecutions,
              (unsigned long long)usedExecutions,
              (unsigned long long)naiveExecutions);
}

TEST(BlindUpdateDpor, SameFindingsStatesAndValuesAsNaive) {
  compareWithNaive(20240917, 30);
}

TEST(BlindUpdateDpor, SameAsNaiveForMoreSeeds) {
  for (uint32_t seed = 1; seed <= 3; ++seed)
    compareWithNaive(seed, 10);
}

constexpr ObjectAddr F = 0x7000; // a futex word

Observed futexWordProgram(std::vector<std::vector<Operation>> (*make)(Script &),
                          bool reduce) {
  Script s;
  s.threads = make(s);
  return observe(withWorkers(s), reduce);
}

TEST(FutexWord, WakesCommuteWithTheAtomicsOnTheWord) {
  // A wake changes the queue, not the value: one order is enough, with a
  // load of the word as with a store to it. (Both were 2 executions when
  // every futex operation was a change of the word.)
  Observed load = futexWordProgram(
      [](Script &s) -> std::vector<std::vector<Operation>> {
        return {{atomicLoad(s, F)}, {futexWake(F, 1)}};
      },
      true);
  EXPECT_TRUE(load.stats.complete);
  EXPECT_EQ(load.stats.executions, 1u);
  Observed store = futexWordProgram(
      [](Script &s) -> std::vector<std::vector<Operation>> {
        return {{atomicStore(s, F, 1)}, {futexWake(F, 1)}};
      },
      true);
  EXPECT_EQ(store.stats.executions, 1u);
}

TEST(FutexWord, AWaitCommutesWithALoadButNotWithAStore) {
  // A timed wait (nobody wakes it: it times out) reads the word as a load
  // does.
  Observed load = futexWordProgram(
      [](Script &s) -> std::vector<std::vector<Operation>> {
        return {{atomicLoad(s, F)}, {futexWait(F, true), futexResume(F, true)}};
      },
      true);
  EXPECT_TRUE(load.stats.complete);
  EXPECT_EQ(load.stats.executions, 1u);
  // Before the store it waits (and times out), after it it returns at once.
  Observed store = futexWordProgram(
      [](Script &s) -> std::vector<std::vector<Operation>> {
        return {{atomicStore(s, F, 1)},
                {futexWait(F, true), futexResume(F, true)}};
      },
      true);
  EXPECT_EQ(store.stats.executions, 2u);
}

/// A random program around one futex word: 2-3 workers of 1-3 of: a load,
/// a store (0 or 1), a blind or used increment of the word, a wait for it
/// to leave 0 (timed or not), a wake of one or all, a mutex section.
Script randomFutexWordScript(std::mt19937 &rng) {
  Script s;
  auto pick = [&](int n) { return int(rng() % n); };
  int workers = 2 + pick(2);
  for (int w = 0; w < workers; ++w) {
    std::vector<Operation> ops;
    for (int k = 1 + pick(3); k > 0; --k) {
      switch (pick(8)) {
      case 0:
        ops.push_back(atomicLoad(s, F));
        break;
      case 1:
        ops.push_back(atomicStore(s, F, pick(2)));
        break;
      case 2:
        ops.push_back(atomicUpdate(s, F, AtomicUpdate::Add, 1, pick(2)));
        break;
      case 3:
      case 4: {
        bool timed = pick(2);
        ops.insert(ops.end(), {futexWait(F, timed), futexResume(F, timed)});
        break;
      }
      case 5:
      case 6:
        ops.push_back(futexWake(F, pick(2) ? 1 : 0x7fffffff));
        break;
      default:
        ops.insert(ops.end(), {lock(M), unlock(M)});
      }
    }
    s.threads.push_back(ops);
  }
  return withWorkers(s);
}

TEST(FutexWord, SameFindingsStatesAndValuesAsNaive) {
  compareWithNaive(20261205, 40, randomFutexWordScript);
}

} // namespace
