// Wakeup trees (optimal DPOR): their insertion on hand-made sequences, and
// the explorer against a naive search on generated programs, execution by
// execution: every Mazurkiewicz trace the naive search sees, DPOR runs once.
#include "model/explore/explorer.h"
#include "model/explore/replay.h"
#include "model/explore/scripted_program.h"
#include "model/explore/wakeup_tree.h"
#include "model/tests/trace_count.h"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <set>
#include <tuple>

namespace tangle {
namespace {

using namespace scripts;

constexpr ObjectAddr X = 0x100, Y = 0x140, Z = 0x180, M = 0x1000, M2 = 0x1040;

Access writes(ObjectAddr a) { return {AccessKind::Mutate, a}; }

/// A sequence whose steps happen after each other only along a thread.
WakeupSequence sequence(std::vector<std::pair<ThreadId, Access>> steps) {
  std::vector<ThreadId> threads;
  std::vector<Access> accesses;
  for (auto &[t, a] : steps) {
    threads.push_back(t);
    accesses.push_back(a);
  }
  std::vector<ThreadId> copy = threads;
  return WakeupSequence(threads, accesses, [copy](size_t x, size_t y) {
    return copy[x] == copy[y];
  });
}

TEST(WakeupTree, AnIndependentThreadIsAWeakInitial) {
  WakeupSequence w = sequence({{1, writes(X)}, {2, writes(Y)}});
  EXPECT_TRUE(w.weakInitial(1, writes(X)));
  EXPECT_TRUE(w.weakInitial(2, writes(Y)));  // independent of thread 1's step
  EXPECT_TRUE(w.weakInitial(3, writes(Z)));  // in no step, touches nothing
  EXPECT_FALSE(w.weakInitial(3, writes(X))); // would change what 1 sees
}

TEST(WakeupTree, AStepAfterAnotherIsNoInitial) {
  std::vector<ThreadId> threads = {1, 2};
  std::vector<Access> accesses = {writes(X), writes(X)};
  WakeupSequence w(threads, accesses, [](size_t x, size_t y) { return x < y; });
  EXPECT_TRUE(w.weakInitial(1, writes(X)));
  EXPECT_FALSE(w.weakInitial(2, writes(X)));
  w.removeFirstOf(1);
  EXPECT_TRUE(w.weakInitial(2, writes(X)));
}

TEST(WakeupTree, InsertionSharesPrefixesAndSkipsCoveredSequences) {
  std::vector<WakeupNode> tree;
  EXPECT_TRUE(insertWakeup(tree, sequence({{1, writes(X)}, {2, writes(X)}})));
  EXPECT_EQ(leftmostPath(tree), (std::vector<ThreadId>{1, 2}));
  // 1 then 3: shares the step of 1, branches below it.
  EXPECT_TRUE(insertWakeup(tree, sequence({{1, writes(X)}, {3, writes(X)}})));
  ASSERT_EQ(tree.size(), 1u);
  EXPECT_EQ(tree[0].children.size(), 2u);
  // 4 on Z, then 1: equivalent to 1, then 2 (independent of 4), then 4,
  // which the leaf 1, 2 starts: nothing to add.
  EXPECT_FALSE(insertWakeup(tree, sequence({{4, writes(Z)}, {1, writes(X)}})));
  EXPECT_FALSE(insertWakeup(tree, sequence({{1, writes(X)}, {2, writes(X)}})));
  EXPECT_EQ(wakeupNodes(tree), 3u);
  // 1, then 4 on X after it: 1 matches, below it 2 and 3 (on X) are no
  // weak initials of 4's step on X, so it branches there.
  std::vector<ThreadId> threads = {1, 4};
  std::vector<Access> accesses = {writes(X), writes(X)};
  auto ordered = [](size_t x, size_t y) { return x < y; };
  EXPECT_TRUE(insertWakeup(tree, WakeupSequence(threads, accesses, ordered)));
  EXPECT_EQ(tree[0].children.size(), 3u);
  // 2 before 1 on X: 1 is no initial, a new last branch.
  threads = {2, 1};
  EXPECT_TRUE(insertWakeup(tree, WakeupSequence(threads, accesses, ordered)));
  ASSERT_EQ(tree.size(), 2u);
  EXPECT_EQ(tree[1].thread, 2u);
  EXPECT_EQ(wakeupNodes(tree), 6u);
  EXPECT_EQ(leftmostPath(tree), (std::vector<ThreadId>{1, 2}));
}

/// Main creates `workers` threads, each a few atomic loads, stores (of
/// values of its own) and exchanges on three variables, some with the
/// first two under two nested locks (in either order), and joins them.
Script randomAtomics(std::mt19937 &rng, int workers, int steps) {
  Script s;
  s.threads.emplace_back();
  const ObjectAddr vars[] = {X, Y, Z};
  for (int w = 0; w < workers; ++w) {
    std::vector<Operation> ops;
    for (int k = 0; k < steps; ++k) {
      ObjectAddr v = vars[rng() % 3];
      uint64_t value = uint64_t(w * 10 + k + 1);
      switch (rng() % 3) {
      case 0:
        ops.push_back(atomicLoad(s, v));
        break;
      case 1:
        ops.push_back(atomicStore(s, v, value));
        break;
      default:
        ops.push_back(atomicExchange(s, v, value));
      }
    }
    if (rng() % 2) { // the first two steps under two locks, nested
      ObjectAddr outer = rng() % 2 ? M : M2, inner = outer == M ? M2 : M;
      ops.insert(ops.begin(), lock(outer));
      ops.insert(ops.begin() + 2, lock(inner));
      ops.insert(ops.begin() + 4, unlock(inner));
      ops.insert(ops.begin() + 5, unlock(outer));
    }
    s.threads.push_back(std::move(ops));
    s.threads[0].push_back(create(size_t(w + 1)));
  }
  for (int w = 0; w < workers; ++w)
    s.threads[0].push_back(join(ThreadId(w + 1)));
  return s;
}

TEST(WakeupTreeDpor, EveryTraceOnceAndNoneLost) {
  // A wrong reordering (one that moves a step before what it waits for,
  // such as a lock before the release it waited for, or a wrong weak
  // initial) loses a trace or runs one twice.
  std::mt19937 rng(14);
  int compared = 0;
  uint64_t blocked = 0, runs = 0, traces = 0;
  for (int i = 0; i < 24; ++i) {
    Script script = randomAtomics(rng, 2, 2 + i % 2);
    TracedScript dpor(script), naive(script);
    ExploreOptions options;
    options.maxFindings = 1000;
    options.maxExecutions = 4000;
    Report d = explore(dpor, options);
    options.reduce = false;
    Report n = explore(naive, options);
    if (!n.stats.complete)
      continue;
    ++compared;
    ASSERT_TRUE(d.stats.complete) << "program " << i;
    std::set<std::string> seen, all;
    for (auto &[trace, count] : dpor.runs)
      seen.insert(trace);
    for (auto &[trace, count] : naive.runs)
      all.insert(trace);
    EXPECT_EQ(seen, all) << "program " << i;
    for (auto &[trace, count] : dpor.runs)
      EXPECT_EQ(count, 1) << "program " << i << " ran a trace twice";
    blocked += d.stats.sleepBlocked;
    runs += d.stats.executions;
    traces += all.size();
  }
  EXPECT_GE(compared, 16);
  EXPECT_EQ(runs, traces);
  std::printf("%d programs, %llu traces, %llu executions, %llu blocked\n",
              compared, (unsigned long long)traces, (unsigned long long)runs,
              (unsigned long long)blocked);
}

/// Dining philosophers as a script: n threads, each `rounds` times locks
/// its two forks (the lower-numbered first when ordered) and unlocks them.
Script philosophers(int n, int rounds, bool ordered) {
  Script s;
  s.threads.emplace_back();
  for (int i = 0; i < n; ++i) {
    ObjectAddr first = M + 0x40 * ObjectAddr(i),
               second = M + 0x40 * ObjectAddr((i + 1) % n);
    if (ordered && second < first)
      std::swap(first, second);
    std::vector<Operation> ops;
    for (int r = 0; r < rounds; ++r) {
      ops.push_back(lock(first));
      ops.push_back(lock(second));
      ops.push_back(unlock(second));
      ops.push_back(unlock(first));
    }
    s.threads.push_back(std::move(ops));
    s.threads[0].push_back(create(size_t(i + 1)));
  }
  for (int i = 0; i < n; ++i)
    s.threads[0].push_back(join(ThreadId(i + 1)));
  return s;
}

/// DPOR against the naive search on `script`: every trace once, none lost,
/// and no execution cut as sleep-blocked. Returns false when the naive
/// search did not finish (nothing compared).
bool sameTracesNoneBlocked(const Script &script, const std::string &name,
                           uint64_t &executions) {
  TracedScript dpor(script), naive(script);
  ExploreOptions options;
  options.maxFindings = 1000;
  Report d = explore(dpor, options);
  options.reduce = false;
  options.maxExecutions = 20000;
  Report n = explore(naive, options);
  if (!n.stats.complete)
    return false;
  EXPECT_TRUE(d.stats.complete) << name;
  std::set<std::string> seen, all;
  for (auto &[trace, count] : dpor.runs) {
    seen.insert(trace);
    EXPECT_EQ(count, 1) << name << " ran a trace twice";
  }
  for (auto &[trace, count] : naive.runs)
    all.insert(trace);
  EXPECT_EQ(seen, all) << name << " lost or invented a trace";
  EXPECT_EQ(d.stats.sleepBlocked, 0u) << name;
  executions += d.stats.executions;
  return true;
}

TEST(WakeupTreeDpor, PhilosophersEveryTraceOnceNoneBlocked) {
  // Two rounds of the same two forks: the second lock of a round looked
  // like a race with the other philosopher's, which cannot take it before
  // the first fork is released (ordered N=2 ran 2 sleep-blocked
  // executions beside its 6, ordered N=4 with 2 rounds 13 beside 786).
  uint64_t executions = 0;
  for (auto [n, rounds, ordered] :
       {std::tuple(2, 2, true), std::tuple(2, 3, true),
        std::tuple(2, 2, false), std::tuple(2, 1, false)}) {
    std::string name = "philosophers n=" + std::to_string(n) +
                       " rounds=" + std::to_string(rounds) +
                       (ordered ? " ordered" : "");
    EXPECT_TRUE(sameTracesNoneBlocked(philosophers(n, rounds, ordered), name,
                                      executions))
        << name << ": the naive search did not finish";
  }
  std::printf("philosophers: %llu executions\n",
              (unsigned long long)executions);
}

/// Main creates `workers` threads, each `sections` times locking one or two
/// of three mutexes (nested, in either order: some programs deadlock), an
/// atomic load, store or exchange inside, and unlocking them.
Script randomSections(std::mt19937 &rng, int workers, int sections) {
  Script s;
  s.threads.emplace_back();
  const ObjectAddr mutexes[] = {M, M2, M2 + 0x40};
  const ObjectAddr vars[] = {X, Y};
  for (int w = 0; w < workers; ++w) {
    std::vector<Operation> ops;
    for (int k = 0; k < sections; ++k) {
      ObjectAddr outer = mutexes[rng() % 3];
      ObjectAddr inner = rng() % 2 ? mutexes[rng() % 3] : outer;
      ops.push_back(lock(outer));
      if (inner != outer)
        ops.push_back(lock(inner));
      ObjectAddr v = vars[rng() % 2];
      switch (rng() % 3) {
      case 0:
        ops.push_back(atomicLoad(s, v));
        break;
      case 1:
        ops.push_back(atomicStore(s, v, uint64_t(w * 10 + k + 1)));
        break;
      default:
        ops.push_back(atomicExchange(s, v, uint64_t(w * 10 + k + 1)));
      }
      if (inner != outer)
        ops.push_back(unlock(inner));
      ops.push_back(unlock(outer));
    }
    s.threads.push_back(std::move(ops));
    s.threads[0].push_back(create(size_t(w + 1)));
  }
  for (int w = 0; w < workers; ++w)
    s.threads[0].push_back(join(ThreadId(w + 1)));
  return s;
}

TEST(WakeupTreeDpor, LockedSectionsEveryTraceOnceNoneBlocked) {
  std::mt19937 rng(1414);
  int compared = 0;
  uint64_t executions = 0;
  for (int i = 0; i < 30; ++i) {
    Script script = randomSections(rng, 2, 1 + i % 2);
    if (sameTracesNoneBlocked(script, "program " + std::to_string(i),
                              executions))
      ++compared;
  }
  EXPECT_GE(compared, 15);
  std::printf("%d programs of locked sections, %llu executions\n", compared,
              (unsigned long long)executions);
}

} // namespace
} // namespace tangle

namespace tangle {
namespace {

/// lastzero without its early exit (a Script has no branches): thread 1
/// loads array[n], array[n-1], ..., array[0]; threads 2..n+1 each load
/// array[j-1] and store array[j]. The reader's loads race with every
/// writer's store, the writers' loads with each other's stores: races whose
/// reversals leave threads asleep that are independent of them.
Script lastZeroLike(int n) {
  Script s;
  s.threads.emplace_back();
  auto at = [](int i) { return ObjectAddr(0x2000 + 0x40 * i); };
  std::vector<Operation> reader;
  for (int i = n; i >= 0; --i)
    reader.push_back(atomicLoad(s, at(i)));
  s.threads.push_back(reader);
  s.threads[0].push_back(create(1));
  for (int j = 1; j <= n; ++j) {
    s.threads.push_back(
        {atomicLoad(s, at(j - 1)), atomicStore(s, at(j), uint64_t(j))});
    s.threads[0].push_back(create(size_t(j + 1)));
  }
  for (int j = 0; j <= n; ++j)
    s.threads[0].push_back(join(ThreadId(j + 1)));
  return s;
}

TEST(WakeupTreeDpor, LastZeroLikeEveryTraceOnceNoneBlocked) {
  // Before threads asleep since an earlier state counted (optimal DPOR's
  // rule, depth-first), lastzero ran about four sleep-blocked executions
  // for each complete one.
  uint64_t executions = 0;
  for (int n : {1}) {
    std::string name = "lastzero-like n=" + std::to_string(n);
    EXPECT_TRUE(sameTracesNoneBlocked(lastZeroLike(n), name, executions))
        << name << ": the naive search did not finish";
  }
  // Too big for the naive search: no execution blocked, the same count
  // as the search in preemption order (which runs each trace once too).
  for (int n : {2, 3, 4, 5}) {
    TracedScript dpor(lastZeroLike(n));
    ExploreOptions options;
    Report d = explore(dpor, options);
    ASSERT_TRUE(d.stats.complete);
    EXPECT_EQ(d.stats.sleepBlocked, 0u) << "n=" << n;
    for (auto &[trace, count] : dpor.runs)
      EXPECT_EQ(count, 1) << "n=" << n << " ran a trace twice";
    executions += d.stats.executions;
  }
  std::printf("lastzero-like: %llu executions\n",
              (unsigned long long)executions);
}

} // namespace
} // namespace tangle

namespace tangle {
namespace {

/// Main creates two threads, each doing two or three of: an atomic load,
/// store or exchange; a locked section around one; a signal of a condition
/// under its mutex; a timed wait on it (a wait that may also time out).
Script randomMixed(std::mt19937 &rng) {
  Script s;
  s.threads.emplace_back();
  const ObjectAddr vars[] = {X, Y}, c = 0x3000;
  for (int w = 0; w < 2; ++w) {
    std::vector<Operation> ops;
    int items = 2 + int(rng() % 2);
    for (int k = 0; k < items; ++k) {
      ObjectAddr v = vars[rng() % 2];
      uint64_t value = uint64_t(w * 10 + k + 1);
      Operation atomic = rng() % 2 ? atomicLoad(s, v)
                         : rng() % 2 ? atomicStore(s, v, value)
                                     : atomicExchange(s, v, value);
      switch (rng() % 4) {
      case 0:
        ops.push_back(atomic);
        break;
      case 1:
        ops.insert(ops.end(), {lock(M), atomic, unlock(M)});
        break;
      case 2:
        ops.insert(ops.end(), {lock(M), condSignal(c), unlock(M)});
        break;
      default:
        ops.insert(ops.end(), {lock(M), condWait(c, M, true), condWake(c, M),
                               unlock(M)});
      }
    }
    s.threads.push_back(std::move(ops));
    s.threads[0].push_back(create(size_t(w + 1)));
  }
  for (int w = 0; w < 2; ++w)
    s.threads[0].push_back(join(ThreadId(w + 1)));
  return s;
}

/// What an execution ended with: the final state and, per thread, the
/// values its atomics read (a lost execution loses one of these).
class Outcomes : public Program {
public:
  explicit Outcomes(Script script) : inner_(std::move(script)) {}
  Execution run(const ExecutionRequest &request) override {
    Execution e = inner_.run(request);
    if (e.end != EndReason::SleepBlocked && e.end != EndReason::RetryBounded) {
      std::map<ThreadId, std::string> read;
      for (const Event &event : e.events)
        if (isAtomicOp(event.op.kind))
          read[event.thread] += std::to_string(event.op.reserved) + ",";
      std::string out =
          analyzeExecution(e, request.retryBound, request.spuriousWakeups)
              .final.canonical();
      for (auto &[t, values] : read)
        out += " " + std::to_string(t) + ":" + values;
      seen.insert(out);
    }
    return e;
  }
  std::set<std::string> seen;

private:
  ScriptedProgram inner_;
};

TEST(WakeupTreeDpor, AtomicsLocksAndConditionsSameAsNaive) {
  // A thread asleep wrongly taken to cover a reordering loses an outcome.
  // (Condition waits that may time out: compared by outcomes and findings,
  // not trace by trace.)
  std::mt19937 rng(1401);
  int compared = 0;
  uint64_t executions = 0, blocked = 0;
  for (int i = 0; i < 30; ++i) {
    Script script = randomMixed(rng);
    Outcomes dpor(script), naive(script);
    ExploreOptions options;
    options.maxFindings = 1000;
    Report d = explore(dpor, options);
    options.reduce = false;
    options.maxExecutions = 20000;
    Report n = explore(naive, options);
    if (!n.stats.complete)
      continue;
    ++compared;
    ASSERT_TRUE(d.stats.complete) << "program " << i;
    EXPECT_EQ(dpor.seen, naive.seen) << "program " << i;
    std::set<std::string> dk, nk;
    for (const Finding &f : d.findings)
      dk.insert(f.key);
    for (const Finding &f : n.findings)
      nk.insert(f.key);
    EXPECT_EQ(dk, nk) << "program " << i;
    executions += d.stats.executions;
    blocked += d.stats.sleepBlocked;
  }
  EXPECT_GE(compared, 15);
  std::printf("%d programs of atomics, locks and conditions: %llu "
              "executions, %llu sleep-blocked\n",
              compared, (unsigned long long)executions,
              (unsigned long long)blocked);
}

} // namespace
} // namespace tangle

namespace tangle {
namespace {

/// Main creates the threads (each a list of operations) and joins them.
Script threadsOf(std::vector<std::vector<Operation>> threads) {
  Script s;
  s.threads.emplace_back();
  for (size_t i = 0; i < threads.size(); ++i) {
    s.threads.push_back(std::move(threads[i]));
    s.threads[0].push_back(create(i + 1));
  }
  for (size_t i = 0; i < s.threads.size() - 1; ++i)
    s.threads[0].push_back(join(ThreadId(i + 1)));
  return s;
}

constexpr ObjectAddr C = 0x3000;
/// A consumer without its predicate: it waits once under the mutex.
std::vector<Operation> waiter() {
  return {lock(M), condWait(C, M), condWake(C, M), unlock(M)};
}
/// A producer: it signals under the mutex.
std::vector<Operation> signaller() {
  return {lock(M), condSignal(C), unlock(M)};
}

TEST(WakeupTreeDpor, ConditionWaitsReleaseNoneBlocked) {
  // The waiter's wait (it holds the mutex) races with the signal, which
  // cannot come first there: the signaller must take the mutex the wait
  // releases. Reversed, that race ran an execution that ended
  // sleep-blocked (one beside 2 with one waiter, four beside 10 with two).
  uint64_t executions = 0;
  EXPECT_TRUE(sameTracesNoneBlocked(threadsOf({waiter(), signaller()}),
                                    "waiter, signaller", executions));
  EXPECT_TRUE(
      sameTracesNoneBlocked(threadsOf({waiter(), waiter(), signaller()}),
                            "two waiters, signaller", executions));
  EXPECT_EQ(executions, 12u);
}

TEST(WakeupTreeDpor, AWakeUpOnlyTheFirstStepAllowsStillBlocks) {
  // Documents what is left (docs/exploration.md): the signaller's lock
  // races with the waiter's wake-up, which nothing before the lock can
  // allow (no signal it may take). No initial of the reversal can run, so
  // every enabled thread is explored there: the third thread, whose branch
  // meets only the sleeping signaller. Every trace still runs once.
  Script script = threadsOf({waiter(), signaller(), {}});
  TracedScript dpor(script), naive(script);
  ExploreOptions options;
  Report d = explore(dpor, options);
  options.reduce = false;
  Report n = explore(naive, options);
  ASSERT_TRUE(d.stats.complete);
  ASSERT_TRUE(n.stats.complete);
  std::set<std::string> seen, all;
  for (auto &[trace, count] : dpor.runs) {
    seen.insert(trace);
    EXPECT_EQ(count, 1) << "a trace ran twice";
  }
  for (auto &[trace, count] : naive.runs)
    all.insert(trace);
  EXPECT_EQ(seen, all);
  EXPECT_EQ(d.stats.executions, 2u);
  EXPECT_EQ(d.stats.sleepBlocked, 1u); // the redundant branch, not fixed
}

TEST(WakeupTreeDpor, BranchesOfAStateInWakeupTreeOrderNoneBlocked) {
  // With --max-executions close to the tree's size the search goes fewest
  // preemptions first from the start. Branches of one state used to start
  // in that order too: a branch added later but cheaper ran first, and the
  // one added before it then had its thread asleep, which nothing it did
  // woke (three executions ended sleep-blocked here).
  Script script = threadsOf({waiter(), waiter(), signaller(), signaller()});
  TracedScript depthFirst(script), byCost(script);
  ExploreOptions options;
  Report d = explore(depthFirst, options);
  options.maxExecutions = 100;
  Report c = explore(byCost, options);
  ASSERT_TRUE(d.stats.complete);
  ASSERT_TRUE(c.stats.complete);
  EXPECT_EQ(d.stats.sleepBlocked, 0u);
  EXPECT_EQ(c.stats.sleepBlocked, 0u);
  std::set<std::string> first, second;
  for (auto &[trace, count] : depthFirst.runs) {
    first.insert(trace);
    EXPECT_EQ(count, 1) << "depth-first ran a trace twice";
  }
  for (auto &[trace, count] : byCost.runs) {
    second.insert(trace);
    EXPECT_EQ(count, 1) << "by cost ran a trace twice";
  }
  EXPECT_EQ(first, second);
  EXPECT_EQ(first.size(), 64u);
}

} // namespace
} // namespace tangle
