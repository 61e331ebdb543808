// Conditions, semaphores, barriers and rwlocks in the model: their
// semantics on small scripts, and DPOR against naive exploration on
// generated programs that mix them.
#include "model/explore/explorer.h"
#include "model/explore/replay.h"
#include "model/explore/scripted_program.h"

#include <gtest/gtest.h>

#include <random>
#include <set>

using namespace tangle;
using namespace tangle::scripts;

namespace {

constexpr ObjectAddr M = 0x1000, M2 = 0x1040, C = 0x2000, C2 = 0x2040,
                     S = 0x3000, S2 = 0x3040, B = 0x4000, RW = 0x5000;

/// Finding keys and final states of every complete execution.
struct Outcomes {
  std::set<std::string> keys;
  std::set<std::string> finals;
  ExploreStats stats;
};

class Recording : public Program {
public:
  explicit Recording(Script script) : inner_(std::move(script)) {}
  Execution run(const ExecutionRequest &request) override {
    Execution e = inner_.run(request);
    if (e.end != EndReason::SleepBlocked && e.end != EndReason::RetryBounded)
      finals.insert(
          analyzeExecution(e, 0, request.retryBound, request.spuriousWakeups)
              .final.canonical());
    return e;
  }
  std::set<std::string> finals;

private:
  ScriptedProgram inner_;
};

Outcomes outcomes(const Script &script, bool reduce, bool spurious = false) {
  Recording program(script);
  ExploreOptions options;
  options.reduce = reduce;
  options.maxExecutions = 5000;
  options.maxFindings = 1000;
  options.spuriousWakeups = spurious;
  Report r = explore(program, options);
  Outcomes o;
  for (const Finding &f : r.findings)
    o.keys.insert(f.key);
  o.finals = program.finals;
  o.stats = r.stats;
  return o;
}

std::set<std::string> ids(const Outcomes &o) {
  std::set<std::string> out;
  for (const std::string &key : o.keys)
    out.insert(key.substr(0, key.find(':')));
  return out;
}

Script withMain(std::vector<std::vector<Operation>> workers,
                std::vector<Operation> before = {}) {
  Script s;
  s.threads.emplace_back(std::move(before));
  for (size_t i = 0; i < workers.size(); ++i)
    s.threads[0].push_back(create(i + 1));
  for (size_t i = 0; i < workers.size(); ++i)
    s.threads[0].push_back(join(static_cast<ThreadId>(i + 1)));
  for (auto &w : workers)
    s.threads.push_back(std::move(w));
  return s;
}

/// wait on c with m held, without a predicate.
std::vector<Operation> waiter() {
  return {lock(M), condWait(C, M), condWake(C, M), unlock(M)};
}
std::vector<Operation> signaller() {
  return {lock(M), condSignal(C), unlock(M)};
}

} // namespace

TEST(Condition, LostWakeUpStallsInSomeOrder) {
  Outcomes o = outcomes(withMain({waiter(), signaller()}), true);
  EXPECT_TRUE(o.stats.complete);
  EXPECT_EQ(ids(o), std::set<std::string>{"deadlock.stall"});
}

TEST(Condition, SignalWakesOneOfTwoWaitersAsAChoice) {
  // Two waiters, one signal, one broadcast later: fine. Two waiters and
  // one signal only: one of them is stuck, whichever took the signal.
  Outcomes stuck = outcomes(withMain({waiter(), waiter(), signaller()}), true);
  EXPECT_EQ(ids(stuck), std::set<std::string>{"deadlock.stall"});
  // Either waiter may be the one left (the final states say which).
  size_t stuckFinals = 0;
  for (const std::string &f : stuck.finals)
    stuckFinals += f.find("at cond-wake") != std::string::npos;
  EXPECT_GE(stuckFinals, 2u);
}

TEST(Condition, WaitWithoutMutexAndRecursiveMutexAreMisuse) {
  Outcomes unlocked =
      outcomes(withMain({{condWait(C, M), condWake(C, M), unlock(M)},
                         {lock(M), condSignal(C), unlock(M)}}),
               true);
  EXPECT_TRUE(ids(unlocked).count("lock.cond-wait-unlocked"));
  Script recursive =
      withMain({{{OpKind::MutexLock, 0, 0, M, uint64_t(MutexType::Recursive)},
                 {OpKind::MutexLock, 0, 0, M, uint64_t(MutexType::Recursive)},
                 condWait(C, M),
                 condWake(C, M)},
                {lock(M), condSignal(C), unlock(M)}});
  EXPECT_TRUE(ids(outcomes(recursive, true)).count("lock.cond-wait-recursive"));
}

TEST(Semaphore, NeverPostedStalls) {
  Outcomes o = outcomes(withMain({{semWait(S)}}, {semInit(S, 0)}), true);
  EXPECT_EQ(ids(o), std::set<std::string>{"deadlock.stall"});
  Outcomes ok =
      outcomes(withMain({{semWait(S)}, {semPost(S)}}, {semInit(S, 0)}), true);
  EXPECT_TRUE(ok.keys.empty());
  EXPECT_EQ(ok.stats.executions, 1u); // post and wait commute
}

TEST(Barrier, TooFewPartiesStall) {
  auto party = std::vector<Operation>{barrierWait(B), barrierLeave(B)};
  EXPECT_EQ(ids(outcomes(withMain({party, party}, {barrierInit(B, 3)}), true)),
            std::set<std::string>{"deadlock.stall"});
  EXPECT_TRUE(outcomes(withMain({party, party}, {barrierInit(B, 2)}), true)
                  .keys.empty());
}

TEST(RwLock, ReadersShareAndUpgradesDeadlock) {
  auto reader = std::vector<Operation>{rdLock(RW), rwUnlock(RW)};
  Outcomes readers = outcomes(withMain({reader, reader}), true);
  EXPECT_TRUE(readers.keys.empty());
  EXPECT_EQ(readers.stats.executions, 1u); // read locks commute
  auto upgrader = std::vector<Operation>{rdLock(RW), wrLock(RW), rwUnlock(RW),
                                         rwUnlock(RW)};
  EXPECT_EQ(ids(outcomes(withMain({upgrader, upgrader}), true)),
            std::set<std::string>{"deadlock.cycle"});
}

namespace {

/// A random small program: 2-3 worker threads, 2-4 operations each, over
/// one or two mutexes, conditions and semaphores, a rwlock and a barrier.
/// Locks are balanced per thread and condition waits hold their mutex, so
/// programs look like real ones; what can go wrong (lost wake-ups, stalls,
/// lock cycles) is left to chance.
Script randomScript(std::mt19937 &rng) {
  auto pick = [&](int n) {
    return static_cast<int>(std::uniform_int_distribution<>(0, n - 1)(rng));
  };
  int threads = 2 + pick(2);
  bool twoOfEach = pick(2);
  auto mutexOf = [&] { return twoOfEach && pick(2) ? M2 : M; };
  auto condOf = [&] { return twoOfEach && pick(2) ? C2 : C; };
  auto semOf = [&] { return twoOfEach && pick(2) ? S2 : S; };
  std::vector<std::vector<Operation>> workers(threads);
  for (auto &w : workers) {
    int ops = 2 + pick(2);
    for (int i = 0; i < ops; ++i) {
      switch (pick(7)) {
      case 0: { // wait (or timed wait) on a condition under its mutex
        ObjectAddr m = mutexOf(), c = condOf();
        w.insert(w.end(), {lock(m), condWait(c, m, pick(4) == 0),
                           condWake(c, m), unlock(m)});
        break;
      }
      case 1: {
        ObjectAddr m = mutexOf();
        Operation signal =
            pick(3) ? condSignal(condOf()) : condBroadcast(condOf());
        w.insert(w.end(), {lock(m), signal, unlock(m)});
        break;
      }
      case 2:
        w.push_back(pick(3) ? semWait(semOf()) : semTryWait(semOf()));
        break;
      case 3:
        w.push_back(semPost(semOf()));
        break;
      case 4: {
        ObjectAddr m = mutexOf(), other = m == M ? M2 : M;
        if (twoOfEach && pick(2))
          w.insert(w.end(), {lock(m), lock(other), unlock(other), unlock(m)});
        else
          w.insert(w.end(), {lock(m), unlock(m)});
        break;
      }
      case 5:
        w.insert(w.end(), {pick(2) ? rdLock(RW) : wrLock(RW), rwUnlock(RW)});
        break;
      default:
        w.insert(w.end(), {barrierWait(B), barrierLeave(B)});
        break;
      }
    }
  }
  uint32_t parties = 1 + pick(threads);
  return withMain(
      std::move(workers),
      {semInit(S, pick(2)), semInit(S2, pick(2)), barrierInit(B, parties)});
}

} // namespace

TEST(BlockingDpor, SameFindingsAndFinalStatesAsNaive) {
  std::mt19937 rng(20240611);
  int compared = 0, withFindings = 0;
  uint64_t dporExecutions = 0, naiveExecutions = 0;
  for (int i = 0; compared < 30 && i < 200; ++i) {
    Script script = randomScript(rng);
    Outcomes naive = outcomes(script, false);
    if (!naive.stats.complete || naive.stats.executions > 2000)
      continue; // too big for the naive search: try another
    Outcomes dpor = outcomes(script, true);
    ASSERT_TRUE(dpor.stats.complete) << "program " << i;
    EXPECT_EQ(dpor.keys, naive.keys) << "program " << i;
    EXPECT_EQ(dpor.finals, naive.finals) << "program " << i;
    EXPECT_LE(dpor.stats.executions, naive.stats.executions);
    dporExecutions += dpor.stats.executions;
    naiveExecutions += naive.stats.executions;
    withFindings += !naive.keys.empty();
    ++compared;
  }
  EXPECT_GE(compared, 20);
  EXPECT_GE(withFindings, 5); // the programs do exercise the detectors
  RecordProperty("dpor_executions", std::to_string(dporExecutions));
  RecordProperty("naive_executions", std::to_string(naiveExecutions));
  std::printf("compared %d programs (%d with findings): %llu DPOR vs %llu "
              "naive executions\n",
              compared, withFindings, (unsigned long long)dporExecutions,
              (unsigned long long)naiveExecutions);
}

TEST(BlockingDpor, SpuriousWakeupsToo) {
  std::mt19937 rng(7);
  int compared = 0;
  for (int i = 0; compared < 20 && i < 200; ++i) {
    Script script = randomScript(rng);
    Outcomes naive = outcomes(script, false, true);
    if (!naive.stats.complete || naive.stats.executions > 2000)
      continue;
    Outcomes dpor = outcomes(script, true, true);
    ASSERT_TRUE(dpor.stats.complete) << "program " << i;
    EXPECT_EQ(dpor.keys, naive.keys) << "program " << i;
    EXPECT_EQ(dpor.finals, naive.finals) << "program " << i;
    ++compared;
  }
  EXPECT_GE(compared, 20);
}

TEST(BlockingDpor, MutexTryLockSeesEveryOutcome) {
  // T2's trylock succeeds before T1 locks, fails while T1 holds the lock,
  // and succeeds after T1 unlocks: three different final states.
  Script script = withMain({{lock(M), unlock(M)}, {tryLock(M)}}, {});
  Outcomes naive = outcomes(script, false);
  Outcomes dpor = outcomes(script, true);
  ASSERT_TRUE(dpor.stats.complete);
  EXPECT_EQ(dpor.finals, naive.finals);
  EXPECT_EQ(naive.finals.size(), 3u);
}
