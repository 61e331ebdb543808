// Sharded exploration (--shard I/N, shard.h): N explorations that share
// nothing but the program run, between them, every trace of the one
// exploration, each once, and find its findings.
#include "model/explore/explorer.h"
#include "model/explore/replay.h"
#include "model/explore/scripted_program.h"
#include "model/explore/shard.h"
#include "model/tests/trace_count.h"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <set>

namespace tangle {
namespace {

using namespace scripts;

struct Outcome {
  ExploreStats stats;
  std::set<std::string> keys;
};

/// The findings but the lock-order warnings: a shard that saw a lock-order
/// cycle without the deadlock another shard found warns of it, and
/// `tangle merge` drops the warning (testcases/shard/philosophers.c).
std::set<std::string> withoutLockOrder(const std::vector<Finding> &findings) {
  std::set<std::string> keys;
  for (const Finding &f : findings)
    if (f.kind != FindingKind::LockOrderInversion)
      keys.insert(f.key);
  return keys;
}

Outcome exploreShard(const Script &script, uint32_t index, uint32_t count,
                     ExploreOptions options = {}) {
  options.maxFindings = 1000;
  options.maxExecutions = 20000; // a guard: these need far fewer
  options.shardIndex = index;
  options.shardCount = count;
  ScriptedProgram program(script);
  Report r = explore(program, options);
  Outcome out;
  out.stats = r.stats;
  out.keys = withoutLockOrder(r.findings);
  return out;
}

/// The shards' reports as `tangle merge` adds them up.
Outcome merged(const Script &script, uint32_t count,
               ExploreOptions options = {}) {
  Outcome all;
  all.stats.complete = true;
  for (uint32_t i = 1; i <= count; ++i) {
    Outcome one = exploreShard(script, i, count, options);
    EXPECT_EQ(one.stats.shardFrontier, i == 1 ? one.stats.shardFrontier
                                              : all.stats.shardFrontier);
    all.stats.shardFrontier = one.stats.shardFrontier;
    all.stats.shardRoots += one.stats.shardRoots;
    all.stats.executions += one.stats.executions;
    all.stats.sleepBlocked += one.stats.sleepBlocked;
    all.stats.complete = all.stats.complete && one.stats.complete;
    all.keys.insert(one.keys.begin(), one.keys.end());
  }
  return all;
}

/// The DPOR-vs-naive programs (explorer_test.cpp) and larger ones. Main
/// joins its threads in all of them but `misuse`, whose exit cuts them off
/// (below).
std::vector<Script> programs() {
  std::vector<Script> out = {philosophers(2, 1, false), sharedLock(2, 2)};
  Script trylocks;
  trylocks.threads = {{create(1), create(2), join(1), join(2)},
                      {lock(1), tryLock(2), unlock(1)},
                      {lock(2), tryLock(1), unlock(2)}};
  out.push_back(trylocks);
  Script misuse;
  misuse.threads = {
      {create(1), create(2)}, {lock(1), unlock(2)}, {lock(2), unlock(1)}};
  out.push_back(misuse);
  out.push_back(philosophers(4, 1, false));
  out.push_back(philosophers(3, 2, true));
  out.push_back(sharedLock(4, 1));
  out.push_back(philosophers(5, 1, false));
  return out;
}
constexpr size_t Misuse = 3;

TEST(Shard, ShardsTogetherRunWhatOneExplorationRuns) {
  std::vector<Script> all = programs();
  for (size_t i = 0; i < all.size(); ++i) {
    ExploreOptions options;
    options.maxFindings = 1000;
    options.maxExecutions = 20000;
    ScriptedProgram program(all[i]);
    Report one = explore(program, options);
    ASSERT_TRUE(one.stats.complete) << i;
    std::set<std::string> keys = withoutLockOrder(one.findings);
    for (uint32_t count : {1u, 2u, 3u, 7u}) {
      Outcome shards = merged(all[i], count);
      EXPECT_TRUE(shards.stats.complete) << "program " << i << ", " << count;
      EXPECT_EQ(shards.stats.shardRoots, shards.stats.shardFrontier) << i;
      EXPECT_EQ(shards.keys, keys) << "program " << i << ", " << count;
      // One run explores one order of threads an exit cuts off (those that
      // run before it); the full expansion at the top explores each subset
      // there: more executions, the same findings.
      if (i == Misuse)
        EXPECT_GE(shards.stats.executions, one.stats.executions) << count;
      else
        EXPECT_EQ(shards.stats.executions, one.stats.executions)
            << "program " << i << ", " << count << " shards";
    }
  }
}

TEST(Shard, RootsAreSharedOutAtTheTopOfTheTree) {
  // Five philosophers: the top of the tree has enough states for 4 roots
  // per shard that run an execution to its end, and each shard has its
  // own (in turn), so both have executions to run. (The roots whose first
  // execution was sleep-blocked, orders optimal DPOR would not try, are
  // shared out in turn apart.)
  Script s = philosophers(5, 1, false);
  Outcome a = exploreShard(s, 1, 2), b = exploreShard(s, 2, 2);
  EXPECT_GE(a.stats.shardFrontier, 2 * RootsPerShard);
  EXPECT_EQ(a.stats.shardFrontier, b.stats.shardFrontier);
  EXPECT_EQ(a.stats.shardRoots + b.stats.shardRoots, a.stats.shardFrontier);
  EXPECT_LE(a.stats.shardRoots, b.stats.shardRoots + 2);
  EXPECT_EQ(a.stats.shardPrefixExecutions, b.stats.shardPrefixExecutions);
  EXPECT_GT(a.stats.shardPrefixExecutions, 0u);
  EXPECT_GT(a.stats.executions, 0u);
  EXPECT_GT(b.stats.executions, 0u);
  EXPECT_EQ(a.stats.executions + b.stats.executions, 31u); // 2^5 - 1
}

TEST(Shard, WorkersInAShard) {
  // --jobs with --shard: the workers share each root's tree in turn, and
  // the shards still add up to one run.
  Script s = philosophers(3, 2, true);
  ExploreOptions options;
  options.maxFindings = 1000;
  ScriptedProgram whole(s);
  Report one = explore(whole, options);
  options.jobs = 2;
  options.jobsAfterSeconds = 0;
  options.shardCount = 2;
  uint64_t executions = 0;
  for (uint32_t index = 1; index <= 2; ++index) {
    options.shardIndex = index;
    ScriptedProgram program(s);
    Report r = explore(program, options, nullptr,
                       [&](uint32_t, std::string &) -> std::unique_ptr<Program> {
                         return std::make_unique<ScriptedProgram>(s);
                       });
    EXPECT_TRUE(r.stats.complete) << index;
    EXPECT_EQ(r.stats.jobs, 2u) << index; // the second worker joined
    executions += r.stats.executions;
  }
  EXPECT_EQ(executions, one.stats.executions);
}

TEST(Shard, AShardWithoutRootsIsCompleteAndEmpty) {
  // Two threads that never meet: one execution, one root; the second
  // shard has nothing to explore.
  Script s;
  s.threads = {{create(1), lock(1), unlock(1), join(1)}, {lock(2), unlock(2)}};
  Outcome second = exploreShard(s, 2, 2);
  EXPECT_EQ(second.stats.shardRoots, 0u);
  EXPECT_TRUE(second.stats.complete);
  EXPECT_EQ(second.stats.executions, 0u);
  Outcome first = exploreShard(s, 1, 2);
  EXPECT_EQ(first.stats.executions, 1u);
}

/// Counts the traces of the complete executions run, the plan's included.
class Traces : public Program {
public:
  Traces(const Script &script, std::map<std::string, int> &runs)
      : inner_(script), runs_(runs) {}
  Execution run(const ExecutionRequest &request) override {
    Execution e = inner_.run(request);
    countTrace(runs_, e, request);
    return e;
  }

private:
  ScriptedProgram inner_;
  std::map<std::string, int> &runs_;
};

/// Main creates `workers` threads of a few atomic loads, stores and
/// exchanges on three variables, some with their first two steps under two
/// nested locks (as parallel_test.cpp).
Script randomAtomics(std::mt19937 &rng, int workers, int steps) {
  constexpr ObjectAddr X = 0x100, Y = 0x140, Z = 0x180, M = 0x1000,
                       M2 = 0x1040;
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
    if (rng() % 2) {
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

TEST(Shard, EveryTraceOfTheNaiveSearchOnceOverTheShards) {
  // The shards' complete executions (beside the plan's, which each
  // re-runs an owner's first one) are every trace of the naive search,
  // each once: the sleep sets of the roots leave no trace to two shards,
  // and the full expansion above them none to nobody.
  std::mt19937 rng(14);
  int compared = 0;
  for (int i = 0; i < 24; ++i) {
    Script script = randomAtomics(rng, 2, 2 + i % 2);
    ExploreOptions options;
    options.maxFindings = 1000;
    options.maxExecutions = 4000;
    options.reduce = false;
    std::map<std::string, int> naive;
    Traces naiveProgram(script, naive);
    Report n = explore(naiveProgram, options);
    if (!n.stats.complete)
      continue;
    ++compared;
    options.reduce = true;
    for (uint32_t count : {2u, 3u}) {
      std::map<std::string, int> seen;
      uint64_t executions = 0, planned = 0;
      for (uint32_t index = 1; index <= count; ++index) {
        options.shardIndex = index;
        options.shardCount = count;
        Traces program(script, seen);
        Report r = explore(program, options);
        ASSERT_TRUE(r.stats.complete) << "program " << i;
        executions += r.stats.executions;
        planned += r.stats.shardPrefixExecutions;
      }
      std::set<std::string> all, union_;
      for (auto &[trace, runs] : naive)
        all.insert(trace);
      uint64_t runs = 0;
      for (auto &[trace, n] : seen) {
        union_.insert(trace);
        runs += n;
      }
      EXPECT_EQ(union_, all) << "program " << i << ", " << count;
      EXPECT_EQ(executions, all.size()) << "program " << i << ", " << count;
      // Each trace once in the shards' parts; the plans ran theirs in
      // every shard, some of them sleep-blocked.
      EXPECT_LE(runs, executions + planned) << "program " << i;
    }
  }
  EXPECT_GE(compared, 16);
}

/// One writer stores to a variable that n readers each load once
/// (bench/dpor/readers.c): 2^n traces. Many threads whose first steps
/// commute: the top of the tree has many states, and the roots' sleep sets
/// matter. (Taking a root's sleepers as settled for optimal DPOR's rule
/// lost 5 of the 16 traces at n = 4.)
Script readers(int n) {
  Script s;
  s.threads.emplace_back();
  s.threads.push_back({atomicStore(s, 0x100, 42)});
  s.threads[0].push_back(create(1));
  for (int i = 0; i < n; ++i) {
    s.threads.push_back({atomicLoad(s, 0x100)});
    s.threads[0].push_back(create(size_t(i + 2)));
  }
  for (int i = 0; i <= n; ++i)
    s.threads[0].push_back(join(ThreadId(i + 1)));
  return s;
}

TEST(Shard, ReadersEveryTraceOnceOverTheShards) {
  for (int n = 2; n <= 5; ++n) {
    ExploreOptions options;
    options.maxExecutions = 20000;
    std::map<std::string, int> one;
    Traces oneProgram(readers(n), one);
    Report o = explore(oneProgram, options);
    ASSERT_TRUE(o.stats.complete);
    ASSERT_EQ(o.stats.executions, uint64_t(1) << n);
    for (uint32_t count : {2u, 3u, 5u}) {
      std::map<std::string, int> seen;
      uint64_t executions = 0;
      for (uint32_t index = 1; index <= count; ++index) {
        options.shardIndex = index;
        options.shardCount = count;
        Traces program(readers(n), seen);
        Report r = explore(program, options);
        ASSERT_TRUE(r.stats.complete) << n;
        executions += r.stats.executions;
      }
      std::set<std::string> expected, union_;
      for (auto &[trace, runs] : one)
        expected.insert(trace);
      for (auto &[trace, runs] : seen)
        union_.insert(trace);
      EXPECT_EQ(union_, expected) << "readers " << n << ", " << count;
      EXPECT_EQ(executions, uint64_t(1) << n) << "readers " << n << ", "
                                              << count;
    }
  }
}

} // namespace
} // namespace tangle
