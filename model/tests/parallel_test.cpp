// Parallel exploration (--jobs): several workers, each with its own copy of
// the program, share one DPOR tree; a complete exploration runs the same
// executions and finds the same findings as one worker does.
#include "model/explore/explorer.h"
#include "model/explore/replay.h"
#include "model/explore/scripted_program.h"
#include "model/tests/trace_count.h"

#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <sstream>
#include <thread>

namespace tangle {
namespace {

using namespace scripts;

/// Where the workers meet: worker 0's second execution waits until a copy
/// has run one, so that every test below really has executions running at
/// once (without it, worker 0 might finish a small tree alone).
struct Meeting {
  std::mutex mutex;
  std::condition_variable changed;
  uint64_t copyRuns = 0;
  bool met = false;
};

class FirstWorkerProgram : public Program {
public:
  FirstWorkerProgram(const Script &script, Meeting &meeting)
      : inner_(script), meeting_(meeting) {}
  Execution run(const ExecutionRequest &request) override {
    // (A tree with a single branch pending after the root run leaves the
    // copies nothing to run meanwhile: the wait times out.)
    if (++runs_ == 2) {
      std::unique_lock<std::mutex> lock(meeting_.mutex);
      meeting_.met = meeting_.changed.wait_for(
          lock, std::chrono::seconds(2), [&] { return meeting_.copyRuns > 0; });
    }
    return inner_.run(request);
  }

private:
  ScriptedProgram inner_;
  Meeting &meeting_;
  int runs_ = 0;
};

class CopyProgram : public Program {
public:
  CopyProgram(const Script &script, Meeting &meeting)
      : inner_(script), meeting_(meeting) {}
  Execution run(const ExecutionRequest &request) override {
    Execution e = inner_.run(request);
    {
      std::lock_guard<std::mutex> lock(meeting_.mutex);
      ++meeting_.copyRuns;
    }
    meeting_.changed.notify_all();
    return e;
  }

private:
  ScriptedProgram inner_;
  Meeting &meeting_;
};

struct Outcome {
  ExploreStats stats;
  std::set<std::string> keys;
  /// Each finding's counterexample (its schedule), by key.
  std::map<std::string, std::vector<ThreadId>> schedules;
  bool met = false;         // executions ran at once
  uint64_t copyRuns = 0;    // executions the copies ran
};

Outcome exploreWith(const Script &script, uint32_t jobs, bool reduce = true,
                    ExploreOptions options = {}) {
  options.reduce = reduce;
  options.maxFindings = 1000;
  if (!options.maxExecutions)
    options.maxExecutions = 20000; // a guard: these need far fewer
  options.jobs = jobs;
  options.jobsAfterSeconds = 0;
  Meeting meeting;
  Outcome out;
  Report r;
  if (jobs == 1) {
    ScriptedProgram program(script);
    r = explore(program, options);
  } else {
    FirstWorkerProgram program(script, meeting);
    r = explore(program, options, nullptr,
                [&](uint32_t, std::string &) -> std::unique_ptr<Program> {
                  return std::make_unique<CopyProgram>(script, meeting);
                });
  }
  out.stats = r.stats;
  for (const Finding &f : r.findings) {
    out.keys.insert(f.key);
    out.schedules[f.key] = f.schedule;
  }
  out.met = meeting.met;
  out.copyRuns = meeting.copyRuns;
  return out;
}

/// The small programs the DPOR-vs-naive test uses (explorer_test.cpp), and
/// a few larger ones.
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
  return out;
}

TEST(Parallel, SameExecutionsAndFindingsAsOneWorker) {
  std::vector<Script> all = programs();
  for (size_t i = 0; i < all.size(); ++i)
    for (uint32_t jobs : {2u, 3u}) {
      Outcome one = exploreWith(all[i], 1);
      Outcome many = exploreWith(all[i], jobs);
      ASSERT_TRUE(one.stats.complete) << i;
      EXPECT_TRUE(many.stats.complete)
          << i << " " << many.stats.stoppedBy << " " << many.stats.error;
      if (i >= 4) { // trees wide enough for two executions at once
        EXPECT_TRUE(many.met) << "program " << i << ": no copy ran";
      }
      EXPECT_EQ(many.stats.jobs, jobs) << i;
      EXPECT_EQ(many.stats.executions, one.stats.executions)
          << "program " << i << ", " << jobs << " jobs";
      EXPECT_EQ(many.keys, one.keys) << "program " << i << ", " << jobs;
      // Worker 0 takes every branch in one worker's order, the others run
      // ahead what is to come: the same executions in the same order, so
      // none more sleep-blocked and the same counterexamples kept.
      EXPECT_EQ(many.stats.sleepBlocked, one.stats.sleepBlocked)
          << "program " << i << ", " << jobs << " jobs";
      EXPECT_EQ(many.schedules, one.schedules)
          << "program " << i << ", " << jobs << " jobs";
    }
}

TEST(Parallel, AgreesWithNaiveSearch) {
  std::vector<Script> all = programs();
  for (size_t i = 0; i < 4; ++i) { // small enough for the naive search
    Outcome naive = exploreWith(all[i], 1, false);
    Outcome parallel = exploreWith(all[i], 2, true);
    Outcome parallelNaive = exploreWith(all[i], 2, false);
    EXPECT_EQ(parallel.keys, naive.keys) << "program " << i;
    EXPECT_EQ(parallelNaive.keys, naive.keys) << "program " << i;
    EXPECT_EQ(parallelNaive.stats.executions, naive.stats.executions) << i;
  }
}

TEST(Parallel, MaxExecutionsCountsTheRunningOnes) {
  ExploreOptions options;
  options.maxExecutions = 10;
  Outcome r = exploreWith(sharedLock(5, 1), 3, true, options); // 120 in all
  EXPECT_FALSE(r.stats.complete);
  EXPECT_EQ(r.stats.stoppedBy, "max-executions");
  EXPECT_EQ(r.stats.executions + r.stats.sleepBlocked + r.stats.retryBounded,
            10u);
}

TEST(Parallel, RandomSchedulesAreSharedOut) {
  // PCT after the first execution: each schedule's seed comes from its
  // number, handed out once, so the workers run schedules 0..n-1 between
  // them and find what one worker finds.
  ExploreOptions options;
  options.strategy = Strategy::Pct;
  options.maxExecutions = 60;
  Script s = philosophers(3, 1, false);
  Outcome one = exploreWith(s, 1, true, options);
  Outcome many = exploreWith(s, 2, true, options);
  EXPECT_TRUE(many.met);
  EXPECT_EQ(many.stats.randomSchedules, one.stats.randomSchedules);
  EXPECT_EQ(many.stats.executions, 60u);
  EXPECT_EQ(many.keys, one.keys);
}

/// The traces every copy of the program ran, counted: one map for all the
/// workers, so the union of their executions is what is compared.
struct TraceCount {
  std::mutex mutex;
  std::map<std::string, int> runs;
  uint64_t byCopies = 0; // complete executions the copies (worker >= 1) ran
  uint64_t copyRuns = 0; // all their executions
  std::condition_variable changed;
  bool parallel = false; // worker 0 waits for a copy's first execution
};

class Traces : public Program {
public:
  Traces(const Script &script, TraceCount &count, bool copy)
      : inner_(script), count_(count), copy_(copy) {}
  Execution run(const ExecutionRequest &request) override {
    // Worker 0's second execution waits (at most 2 s) for a copy to run
    // one, so that executions really run at once (as Meeting above).
    if (!copy_ && ++runs_ == 2 && count_.parallel) {
      std::unique_lock<std::mutex> lock(count_.mutex);
      count_.changed.wait_for(lock, std::chrono::seconds(2),
                              [&] { return count_.copyRuns > 0; });
    }
    Execution e = inner_.run(request);
    std::lock_guard<std::mutex> lock(count_.mutex);
    count_.copyRuns += copy_;
    count_.changed.notify_all();
    if (countTrace(count_.runs, e, request))
      count_.byCopies += copy_;
    return e;
  }

private:
  ScriptedProgram inner_;
  TraceCount &count_;
  bool copy_;
  int runs_ = 0;
};

/// Explores `script` with two workers, the traces of both counted in
/// `count`.
Report exploreTwoWorkers(const Script &script, ExploreOptions options,
                         TraceCount &count) {
  options.jobs = 2;
  count.parallel = true;
  Traces first(script, count, false);
  return explore(first, options, nullptr,
                 [&](uint32_t, std::string &) -> std::unique_ptr<Program> {
                   return std::make_unique<Traces>(script, count, true);
                 });
}

/// Main creates `workers` threads, each a few atomic loads, stores and
/// exchanges on three variables, some with their first two steps under two
/// nested locks (wakeup_tree_test.cpp's generator).
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

TEST(Parallel, WakeupTreesRunEveryTraceOnceWhateverTheWorkers) {
  // Optimal DPOR with wakeup trees: a branch handed to a worker carries its
  // wakeup subtree and its sleep set, so the union of the workers'
  // complete executions is every trace of the naive search, each once, as
  // with one worker.
  std::mt19937 rng(14);
  int compared = 0;
  uint64_t byCopies = 0;
  for (int i = 0; i < 24; ++i) {
    Script script = randomAtomics(rng, 2, 2 + i % 2);
    ExploreOptions options;
    options.maxFindings = 1000;
    options.maxExecutions = 4000;
    options.jobsAfterSeconds = 0;
    TraceCount naive, one, many;
    options.reduce = false;
    Traces naiveProgram(script, naive, false);
    Report n = explore(naiveProgram, options);
    if (!n.stats.complete)
      continue;
    ++compared;
    options.reduce = true;
    Traces oneProgram(script, one, false);
    Report o = explore(oneProgram, options);
    Report m = exploreTwoWorkers(script, options, many);
    ASSERT_TRUE(o.stats.complete) << "program " << i;
    ASSERT_TRUE(m.stats.complete) << "program " << i << " " << m.stats.error;
    std::set<std::string> all, seen;
    for (auto &[trace, count] : naive.runs)
      all.insert(trace);
    for (auto &[trace, count] : many.runs) {
      seen.insert(trace);
      EXPECT_EQ(count, 1) << "program " << i << " ran a trace twice";
    }
    EXPECT_EQ(seen, all) << "program " << i;
    EXPECT_EQ(m.stats.executions, o.stats.executions) << "program " << i;
    EXPECT_EQ(m.stats.executions, all.size()) << "program " << i;
    EXPECT_EQ(m.stats.sleepBlocked, o.stats.sleepBlocked) << "program " << i;
    byCopies += many.byCopies;
  }
  EXPECT_GE(compared, 16);
  EXPECT_GT(byCopies, 0u) << "the second worker never ran an execution";
}

/// lastzero (bench/dpor/lastzero.c): thread 1 reads a[n] down to a[0],
/// thread j + 1 reads a[j - 1] and writes a[j]. Each writer races with its
/// neighbours and with the reader, so two workers explore sibling branches
/// at once, each left to the other's sleep set while its subtree is still
/// open (about half of the executions are the copy's).
///
/// With `stopsAtZero` the reader stops at the first zero it reads, as the C
/// program's does, so how far it gets depends on the writers that ran
/// before it (with two workers, some executions end sleep-blocked, as with
/// the C program). Without it the reader reads them all, and none ends
/// sleep-blocked.
Script lastZero(int n, bool stopsAtZero) {
  constexpr ObjectAddr A = 0x100;
  Script s;
  s.threads.emplace_back();
  std::vector<Operation> reader;
  for (int i = n; i >= 0; --i) {
    reader.push_back(atomicLoad(s, A + 4 * ObjectAddr(i)));
    s.atomics.back().endsThreadOnZero = stopsAtZero;
  }
  s.threads.push_back(std::move(reader));
  for (int j = 1; j <= n; ++j)
    s.threads.push_back({atomicLoad(s, A + 4 * ObjectAddr(j - 1)),
                         atomicStore(s, A + 4 * ObjectAddr(j), 1)});
  for (int t = 1; t <= n + 1; ++t)
    s.threads[0].push_back(create(size_t(t)));
  for (int t = 1; t <= n + 1; ++t)
    s.threads[0].push_back(join(ThreadId(t)));
  return s;
}

TEST(Parallel, LastZeroEveryTraceOnceWhateverTheWorkers) {
  // Two workers run the traces one worker runs (too many for the naive
  // search: one worker is checked against it on the small programs), each
  // once: the executions that end sleep-blocked with two workers cost time,
  // never a trace.
  for (int n : {3, 4, 5, 6}) {
    Script script = lastZero(n, false);
    ExploreOptions options;
    options.maxFindings = 1000;
    options.maxExecutions = 20000;
    options.jobsAfterSeconds = 0;
    TraceCount one, many;
    Traces oneProgram(script, one, false);
    Report o = explore(oneProgram, options);
    Report m = exploreTwoWorkers(script, options, many);
    ASSERT_TRUE(o.stats.complete) << n;
    ASSERT_TRUE(m.stats.complete) << n << " " << m.stats.error;
    std::set<std::string> byOne, byTwo;
    for (auto &[trace, count] : one.runs) {
      byOne.insert(trace);
      EXPECT_EQ(count, 1) << "n = " << n << ": one worker ran a trace twice";
    }
    for (auto &[trace, count] : many.runs) {
      byTwo.insert(trace);
      EXPECT_EQ(count, 1) << "n = " << n << ": two workers ran a trace twice";
    }
    EXPECT_EQ(byTwo, byOne) << "n = " << n;
    EXPECT_EQ(m.stats.executions, o.stats.executions) << "n = " << n;
    EXPECT_EQ(m.stats.sleepBlocked, o.stats.sleepBlocked) << "n = " << n;
    EXPECT_EQ(o.stats.executions, byOne.size()) << "n = " << n;
    EXPECT_GT(many.byCopies, 0u) << "n = " << n << ": no copy ran";
  }
}

/// Where the second worker joins and how the two take turns: worker 0 runs
/// `before` executions alone (the copy is made only then), and every
/// execution of either first waits a while drawn from its own seeded
/// generator (a yield; 0.3 to 0.9 ms; one time in ten 9 to 10 ms), so that
/// the two take, run and fold their branches in ever other orders. (The
/// waits vary the order; nothing here depends on one.)
struct LateStart {
  std::mutex mutex;
  std::condition_variable changed;
  uint64_t firstRuns = 0;
  uint64_t before = 0;
};

class Staggered : public Program {
public:
  Staggered(const Script &script, TraceCount &count, LateStart &start,
            bool copy, uint64_t seed)
      : inner_(script), count_(count), start_(start), copy_(copy),
        rng_(seed) {}
  Execution run(const ExecutionRequest &request) override {
    uint32_t wait = uint32_t(rng_() % 1000);
    if (wait < 300)
      std::this_thread::yield();
    else
      std::this_thread::sleep_for(
          std::chrono::microseconds(wait < 900 ? wait : wait * 10));
    Execution e = inner_.run(request);
    if (!copy_) {
      std::lock_guard<std::mutex> lock(start_.mutex);
      ++start_.firstRuns;
      start_.changed.notify_all();
    }
    std::lock_guard<std::mutex> lock(count_.mutex);
    if (countTrace(count_.runs, e, request))
      count_.byCopies += copy_;
    return e;
  }

private:
  ScriptedProgram inner_;
  TraceCount &count_;
  LateStart &start_;
  bool copy_;
  std::mt19937_64 rng_;
};

TEST(Parallel, LastZeroEveryTraceOnceWhenTheSecondWorkerJoinsLate) {
  // The CLI starts the second worker after 0.25 s: by then one worker has
  // explored part of the tree depth-first, with optimal DPOR's rule for
  // settled sleepers. When the second worker took branches of its own, one
  // taken out of depth-first order left with its wakeup tree, and a
  // reordering that an execution to its left found later was left to it
  // while its own subtree had left part of that to a settled sleeper: a
  // trace was lost, the run still complete (5 to 8 of these 100 runs at
  // n = 4, 5 at n = 5), and once that was mended (Subtree::early) about
  // as many executions ended sleep-blocked as complete. Now worker 0 takes
  // every branch in one worker's order and the second only runs ahead what
  // is to come (docs/exploration.md, "Parallel exploration"): every trace
  // once and none blocked, wherever the second joins.
  // TANGLE_TEST_LATE_JOIN="SEEDS N..." runs more (e.g. "500 3 4 5 6").
  std::vector<int> sizes = {4, 5};
  uint64_t seeds = 100;
  if (const char *more = getenv("TANGLE_TEST_LATE_JOIN")) {
    std::istringstream in(more);
    in >> seeds;
    sizes.clear();
    for (int n; in >> n;)
      sizes.push_back(n);
  }
  for (int n : sizes) {
    Script script = lastZero(n, true);
    ExploreOptions options;
    options.maxFindings = 1000;
    options.maxExecutions = 20000;
    options.jobsAfterSeconds = 0;
    TraceCount one;
    Traces oneProgram(script, one, false);
    Report o = explore(oneProgram, options);
    ASSERT_TRUE(o.stats.complete) << n;
    ASSERT_EQ(o.stats.executions, one.runs.size()) << n;
    EXPECT_EQ(o.stats.sleepBlocked, 0u) << n;
    uint64_t byCopies = 0;
    for (uint64_t seed = 0; seed < seeds; ++seed) {
      TraceCount many;
      LateStart start;
      start.before = 1 + seed % (o.stats.executions - 2);
      options.jobs = 2;
      Staggered first(script, many, start, false, 2 * seed + 1);
      Report m = explore(
          first, options, nullptr,
          [&](uint32_t, std::string &) -> std::unique_ptr<Program> {
            std::unique_lock<std::mutex> lock(start.mutex);
            start.changed.wait(lock,
                               [&] { return start.firstRuns >= start.before; });
            return std::make_unique<Staggered>(script, many, start, true,
                                               2 * seed + 2);
          });
      ASSERT_TRUE(m.stats.complete) << n << " " << m.stats.error;
      std::set<std::string> byOne, byTwo;
      for (auto &[trace, count] : one.runs)
        byOne.insert(trace);
      for (auto &[trace, count] : many.runs) {
        byTwo.insert(trace);
        EXPECT_EQ(count, 1) << "n = " << n << ", seed " << seed
                            << ": two workers ran a trace twice";
      }
      EXPECT_EQ(byTwo, byOne) << "n = " << n << ", seed " << seed;
      EXPECT_EQ(m.stats.executions, o.stats.executions)
          << "n = " << n << ", seed " << seed;
      // One worker's search, whenever the second joins: none blocked (the
      // explorer as it was ran about as many blocked as complete here).
      EXPECT_EQ(m.stats.sleepBlocked, 0u) << "n = " << n << ", seed " << seed;
      byCopies += many.byCopies;
    }
    EXPECT_GT(byCopies, 0u) << "n = " << n << ": no copy ran";
  }
}

TEST(Parallel, PredictedRequestsAreTheOnesWorkerZeroBuilds) {
  // A helper runs ahead the branches behind the first pending one of their
  // state too, with the sleep set it will have once those before it are
  // explored (docs/exploration.md, "Parallel exploration"). Worker 0
  // compares each request with its own and runs the branch again when they
  // differ (aheadMismatched): never, and the run-ahead executions are most
  // of the helpers' work, predicted ones among them. So are the siblings
  // of a wakeup tree's leftmost path that a fold hangs, which a helper runs
  // before that fold, from the execution it folds (aheadHung). (Every trace
  // once and none more sleep-blocked: the tests above, on these programs too.)
  std::vector<Script> all = programs();
  all.erase(all.begin(), all.begin() + 4); // too small for two at once
  all.push_back(lastZero(5, true));
  all.push_back(lastZero(6, false));
  std::mt19937 rng(5);
  for (int i = 0; i < 6; ++i)
    all.push_back(randomAtomics(rng, 3, 2));
  uint64_t taken = 0, predicted = 0, hung = 0;
  for (size_t i = 0; i < all.size(); ++i)
    for (uint32_t jobs : {2u, 3u}) {
      Outcome one = exploreWith(all[i], 1);
      Outcome many = exploreWith(all[i], jobs);
      ASSERT_TRUE(many.stats.complete) << i << " " << many.stats.error;
      EXPECT_EQ(many.stats.aheadMismatched, 0u)
          << "program " << i << ", " << jobs << " jobs";
      EXPECT_LE(many.stats.aheadPredicted + many.stats.aheadHung,
                many.stats.aheadTaken);
      EXPECT_EQ(many.stats.executions, one.stats.executions) << i;
      EXPECT_EQ(many.stats.sleepBlocked, one.stats.sleepBlocked) << i;
      EXPECT_EQ(many.schedules, one.schedules) << i;
      taken += many.stats.aheadTaken;
      predicted += many.stats.aheadPredicted;
      hung += many.stats.aheadHung;
    }
  EXPECT_GT(taken, 0u) << "nothing was run ahead";
  EXPECT_GT(predicted, 0u) << "no request was predicted";
  EXPECT_GT(hung, 0u) << "no sibling was run before the fold that hangs it";
}

TEST(Parallel, ProfileAccountsForEveryExecution) {
  // TANGLE_PROFILE_WORKERS: one line per worker on stderr, whose
  // executions add up to the exploration's.
  setenv("TANGLE_PROFILE_WORKERS", "1", 1);
  testing::internal::CaptureStderr();
  Outcome r = exploreWith(philosophers(4, 1, false), 2);
  std::string printed = testing::internal::GetCapturedStderr();
  unsetenv("TANGLE_PROFILE_WORKERS");
  ASSERT_TRUE(r.met);
  uint64_t sum = 0;
  size_t lines = 0;
  for (size_t at = printed.find("tangle: worker "); at != std::string::npos;
       at = printed.find("tangle: worker ", at + 1)) {
    unsigned worker = 0;
    double joined = 0;
    unsigned long long executions = 0;
    ASSERT_EQ(sscanf(printed.c_str() + at,
                     "tangle: worker %u: joined at %lf s, %llu executions",
                     &worker, &joined, &executions),
              3)
        << printed;
    EXPECT_EQ(worker, lines);
    sum += executions;
    ++lines;
  }
  EXPECT_EQ(lines, 2u) << printed;
  EXPECT_EQ(sum,
            r.stats.executions + r.stats.sleepBlocked + r.stats.retryBounded);
}

} // namespace
} // namespace tangle
