// Parallel exploration (--jobs): several workers, each with its own copy of
// the program, share one DPOR tree; a complete exploration runs the same
// executions and finds the same findings as one worker does.
#include "model/explore/explorer.h"
#include "model/explore/scripted_program.h"

#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <set>

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
  for (const Finding &f : r.findings)
    out.keys.insert(f.key);
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
      if (i >= 4) // trees wide enough for two executions at once
        EXPECT_TRUE(many.met) << "program " << i << ": no copy ran";
      EXPECT_EQ(many.stats.jobs, jobs) << i;
      EXPECT_EQ(many.stats.executions, one.stats.executions)
          << "program " << i << ", " << jobs << " jobs";
      EXPECT_EQ(many.keys, one.keys) << "program " << i << ", " << jobs;
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

} // namespace
} // namespace tangle
