// The explorer on scripted programs: execution counts of the reduction,
// findings, preemption bounds, and agreement with a naive search.
#include "model/detect/detectors.h"
#include "model/detect/lock_order.h"
#include "model/explore/explorer.h"
#include "model/explore/replay.h"
#include "model/explore/scripted_program.h"

#include <atomic>
#include <functional>
#include <gtest/gtest.h>
#include <set>

namespace tangle {
namespace {

using namespace scripts;

Report exploreScript(Script s, ExploreOptions options = {}) {
  ScriptedProgram program(std::move(s));
  return explore(program, options);
}

std::set<std::string> ids(const Report &r) {
  std::set<std::string> out;
  for (const Finding &f : r.findings)
    out.insert(findingId(f.kind));
  return out;
}

uint64_t factorial(int n) { return n <= 1 ? 1 : n * factorial(n - 1); }

TEST(Explorer, IndependentThreadsNeedOneExecution) {
  for (int n = 1; n <= 5; ++n) {
    Report r = exploreScript(ownLocks(n));
    EXPECT_EQ(r.stats.executions, 1u) << n << " threads";
    EXPECT_TRUE(r.stats.complete);
    EXPECT_TRUE(r.findings.empty());
  }
}

TEST(Explorer, OneSharedLockNeedsEveryOrder) {
  for (int n = 1; n <= 5; ++n) {
    Report r = exploreScript(sharedLock(n, 1));
    EXPECT_EQ(r.stats.executions, factorial(n)) << n << " threads";
    EXPECT_TRUE(r.stats.complete);
    EXPECT_TRUE(r.findings.empty());
  }
}

TEST(Explorer, PhilosophersDeadlockIsFound) {
  for (int n = 3; n <= 5; ++n) {
    Report r = exploreScript(philosophers(n, 1, false));
    ASSERT_EQ(ids(r), std::set<std::string>{"deadlock.cycle"}) << n;
    const Finding &f = r.findings[0];
    EXPECT_EQ(f.threads.size(), static_cast<size_t>(n));
    for (const Involvement &inv : f.threads) {
      EXPECT_EQ(inv.holds.size(), 1u);
      ASSERT_TRUE(inv.waitsFor.has_value());
      EXPECT_EQ(inv.waitsFor->op.kind, OpKind::MutexLock);
      EXPECT_NE(inv.waitsOn, NoThread);
    }
    EXPECT_TRUE(r.stats.complete);
    // Lock-acquisition orders: each fork goes first to one of its two
    // philosophers, except the all-left cycle, which deadlocks instead.
    EXPECT_EQ(r.stats.executions, (1u << n) - 1) << n;
    // ...and no run is wasted on an order already covered.
    EXPECT_EQ(r.stats.sleepBlocked, 0u) << n;
  }
}

TEST(Explorer, OrderedPhilosophersAreClean) {
  for (int n = 3; n <= 5; ++n) {
    Report r = exploreScript(philosophers(n, 1, true));
    EXPECT_TRUE(r.findings.empty()) << n;
    EXPECT_TRUE(r.stats.complete);
    EXPECT_EQ(r.stats.executions, (1u << n) - 2) << n;
  }
}

TEST(Explorer, FirstCounterexampleHasFewestPreemptions) {
  Report r = exploreScript(philosophers(3, 1, false));
  ASSERT_EQ(r.findings.size(), 1u);
  // Each of the first n-1 philosophers is preempted after its left fork.
  EXPECT_EQ(r.findings[0].preemptions, 2u);
}

TEST(Explorer, PreemptionBoundLimitsAndMarksIncomplete) {
  ExploreOptions bounded;
  bounded.preemptionBound = 0;
  Report r = exploreScript(philosophers(3, 1, false), bounded);
  // The deadlock is not reached; its lock-order cycle is a warning that
  // does not count and says nothing orders the threads.
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].kind, FindingKind::LockOrderInversion);
  EXPECT_FALSE(r.findings[0].counted);
  ASSERT_TRUE(r.findings[0].lockOrder);
  EXPECT_EQ(r.findings[0].lockOrder->reason, InversionReason::Concurrent);
  EXPECT_FALSE(r.findings[0].lockOrder->complete);
  EXPECT_FALSE(r.stats.complete);
  EXPECT_EQ(r.stats.stoppedBy, "preemption-bound");
  bounded.preemptionBound = 2;
  EXPECT_EQ(ids(exploreScript(philosophers(3, 1, false), bounded)),
            std::set<std::string>{"deadlock.cycle"});
}

TEST(Explorer, MaxExecutionsStopsEarly) {
  ExploreOptions limited;
  limited.maxExecutions = 5;
  Report r = exploreScript(sharedLock(4, 1), limited);
  // Every run counts, including those cut short as redundant.
  EXPECT_EQ(r.stats.executions + r.stats.sleepBlocked, 5u);
  EXPECT_FALSE(r.stats.complete);
  EXPECT_EQ(r.stats.stoppedBy, "max-executions");
}

/// Three threads taking 24 mutexes, each a different number of times, with
/// the mutexes at `address(j)`.
Script manyLocksAt(const std::function<ObjectAddr(int)> &address) {
  std::vector<std::vector<Operation>> workers(3);
  for (int j = 0; j < 24; ++j)
    for (int t = 0; t < 3; ++t)
      for (int k = 0; k <= (j + t) % 4; ++k) {
        workers[t].push_back(lock(address(j)));
        workers[t].push_back(unlock(address(j)));
      }
  return withMain(std::move(workers));
}

// The estimate of an incomplete search (which the report prints, to its
// last digit) does not depend on where the objects are: the orders of each
// object's changes are summed in the order the execution first changed the
// objects. (They were summed in the order of a hash map by address, and
// the last digits changed with the program's stack.)
TEST(Explorer, EstimateDoesNotDependOnTheObjectsAddresses) {
  ExploreOptions limited;
  limited.maxExecutions = 3;
  auto estimate = [&](const std::function<ObjectAddr(int)> &address) {
    Report r = exploreScript(manyLocksAt(address), limited);
    EXPECT_FALSE(r.stats.complete);
    return r.stats.estimatedLog10;
  };
  const double apart = estimate([](int j) { return 0x1000 + 64 * j; });
  EXPECT_GT(apart, 10);
  // The same mutexes elsewhere: in other orders, in one hash bucket (a
  // multiple of the table's prime sizes), spread at random.
  EXPECT_EQ(estimate([](int j) { return 0x9000 - 64 * j; }), apart);
  EXPECT_EQ(estimate([](int j) { return 0x1000 + 13 * 29 * 59 * j; }), apart);
  EXPECT_EQ(estimate([](int j) {
              return 0x7ffc0000 +
                     ((uint64_t(j) * 0x9e3779b97f4a7c15ull) >> 40 << 4);
            }),
            apart);
}

/// A signal that arrives once the first execution has run, while its races
/// are analysed (as SIGINT does during a long analysis).
class InterruptedAfterFirstRun : public Program {
public:
  explicit InterruptedAfterFirstRun(Script s) : inner_(std::move(s)) {}
  Execution run(const ExecutionRequest &request) override {
    Execution e = inner_.run(request);
    signal.store(2);
    return e;
  }
  std::atomic<int> signal{0};

private:
  ScriptedProgram inner_;
};

TEST(Explorer, InterruptStopsTheAnalysisOfAnExecution) {
  // Three threads taking one lock 40 times: the first execution's races
  // ask for many branches. With no progress callback, only the analysis
  // itself can see the interrupt: it stops there, adds no branch, and says
  // so; the verdict is incomplete.
  InterruptedAfterFirstRun program(sharedLock(3, 40));
  ExploreOptions options;
  options.interrupt = &program.signal;
  Report r = explore(program, options);
  EXPECT_EQ(r.stats.stoppedBy, "interrupted");
  EXPECT_FALSE(r.stats.complete);
  EXPECT_EQ(r.stats.executions, 1u);
  EXPECT_NE(r.stats.limitNote.find("interrupted during the analysis of an "
                                   "execution of"),
            std::string::npos)
      << r.stats.limitNote;
  // Not watched: the same search goes on past the first execution.
  InterruptedAfterFirstRun unwatched(sharedLock(3, 40));
  options.interrupt = nullptr;
  options.maxExecutions = 5;
  r = explore(unwatched, options);
  EXPECT_EQ(r.stats.stoppedBy, "max-executions");
  EXPECT_EQ(r.stats.executions + r.stats.sleepBlocked, 5u);
}

TEST(Explorer, SelfDeadlockAndMisuse) {
  Script relock;
  relock.threads = {{lock(1), lock(1)}};
  EXPECT_EQ(ids(exploreScript(relock)),
            std::set<std::string>{"lock.self-deadlock"});

  Script notOwner;
  notOwner.threads = {{create(1), join(1), unlock(1)}, {lock(1)}};
  std::set<std::string> found = ids(exploreScript(notOwner));
  EXPECT_TRUE(found.count("lock.unlock-not-owner"));
  EXPECT_TRUE(found.count("lock.held-at-exit"));

  Script unlocked;
  unlocked.threads = {{unlock(1)}};
  EXPECT_EQ(ids(exploreScript(unlocked)),
            std::set<std::string>{"lock.unlock-unlocked"});
}

TEST(Explorer, ExitIsReorderedOnlyWithWhatOutlivesTheProcess) {
  Script s;
  s.threads = {{create(1)}, {lock(1), unlock(1)}};
  Report r = exploreScript(s);
  EXPECT_EQ(ids(r), std::set<std::string>{"lifecycle.unjoined-thread"});
  // The thread's steps die with the process: main's exit is tried before
  // the thread starts and after it has done everything, not between.
  EXPECT_EQ(r.stats.executions, 2u);

  // Four workers each taking two shared locks in turn: how far each got
  // when main returned is seen by nobody, so no cut-off point is explored,
  // only the orders in which they take the locks -- about as many
  // executions as when main joins them (24 x 24 orders), where trying the
  // exit before and after each of their steps would take many thousands.
  auto workers = [](bool joined) {
    Script w;
    w.threads = {{}, {lock(1), unlock(1), lock(2), unlock(2)}};
    for (ThreadId i = 0; i < 4; ++i)
      w.threads[0].push_back(create(1));
    for (ThreadId i = 0; joined && i < 4; ++i)
      w.threads[0].push_back(join(i + 1));
    return w;
  };
  Report joined = exploreScript(workers(true));
  Report returned = exploreScript(workers(false));
  EXPECT_EQ(joined.stats.executions, 576u);
  EXPECT_EQ(ids(returned),
            std::set<std::string>{"lifecycle.unjoined-thread"});
  EXPECT_TRUE(returned.stats.complete);
  EXPECT_LE(returned.stats.executions, 650u);
}

TEST(Explorer, ExitCutsADetachedThreadAtEachStep) {
  // A detached thread cut off mid-work is reported: the exit is reordered
  // with each of its steps.
  Script s;
  s.threads = {{create(1), detach(1)}, {lock(1), unlock(1), lock(2)}};
  Report r = exploreScript(s);
  EXPECT_TRUE(ids(r).count("lifecycle.detached-cut-off"));
  EXPECT_GE(r.stats.executions, 4u);
}

TEST(Explorer, JoinCycleIsAStall) {
  // Thread 1 joins main's second thread, which joins thread 1.
  Script s;
  s.threads = {{create(1), create(2), join(1)}, {join(2)}, {join(1)}};
  Report r = exploreScript(s);
  EXPECT_TRUE(ids(r).count("deadlock.stall"));
}

TEST(Explorer, OneStallPerPlaceNotPerNumberOfWaiters) {
  // Thread 1 ends holding lock 1; three workers and then main lock it. In
  // different orders 0 to 3 workers are left waiting at their one lock
  // call: the same stall, counted once with main alone and once with the
  // workers too (two places), not once per number of waiters (four).
  Script s;
  s.threads = {{create(2), create(1), create(1), create(1), join(1), lock(1)},
               {lock(1), unlock(1)},
               {lock(1)}};
  Report r = exploreScript(s);
  ASSERT_TRUE(r.stats.complete);
  size_t stalls = 0;
  for (const Finding &f : r.findings)
    stalls += f.kind == FindingKind::DeadlockStall;
  EXPECT_EQ(stalls, 2u);
  EXPECT_TRUE(ids(r).count("lock.held-at-exit"));
}

TEST(Explorer, AMisuseRepeatedAtOneSiteIsOneFindingOfItsExecution) {
  // A loop that unlocks an unlocked mutex: every pass is the same step of
  // the same line (one stack), and the execution keeps one finding, its
  // first, not one a pass (a million passes kept a million findings).
  Script s;
  s.threads = {{unlock(1), unlock(1), unlock(1), unlock(2)}};
  ScriptedProgram program(s);
  Execution e = program.run({});
  ASSERT_EQ(e.events.size(), 5u); // the four unlocks and the exit
  for (size_t i = 1; i < 3; ++i)
    e.events[i].stack = e.events[0].stack;
  ExecutionAnalysis analysis = analyzeExecution(e, 2);
  ASSERT_TRUE(analysis.error.empty()) << analysis.error;
  std::vector<Finding> found = detectFindings(e, analysis);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].kind, FindingKind::LockUnlockUnlocked);
  EXPECT_EQ(found[0].step, 0u);
  EXPECT_EQ(found[1].step, 3u); // another site: its own finding
}

TEST(Explorer, GateLockAndJoinOrderAreClean) {
  // AB/BA inside a common gate lock G.
  Script gate;
  gate.threads = {{create(1), create(2), join(1), join(2)},
                  {lock(9), lock(1), lock(2), unlock(2), unlock(1), unlock(9)},
                  {lock(9), lock(2), lock(1), unlock(1), unlock(2), unlock(9)}};
  EXPECT_TRUE(exploreScript(gate).findings.empty());
  // AB then, after a join, BA.
  Script joined;
  joined.threads = {{create(1), join(1), create(2), join(2)},
                    {lock(1), lock(2), unlock(2), unlock(1)},
                    {lock(2), lock(1), unlock(1), unlock(2)}};
  Report r = exploreScript(joined);
  // No deadlock; the latent inversion is a warning that does not count.
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].kind, FindingKind::LockOrderInversion);
  EXPECT_FALSE(r.findings[0].counted);
  EXPECT_EQ(r.findings[0].lockOrder->reason, InversionReason::OrderedByJoin);
  EXPECT_EQ(r.stats.executions, 1u);
  ExploreOptions off;
  off.lockOrder = false;
  EXPECT_TRUE(exploreScript(joined, off).findings.empty());
}

/// Final states and findings of every execution, for comparing searches.
std::set<std::string> outcomes(Script s, bool reduce) {
  ScriptedProgram program(s);
  ExploreOptions options;
  options.reduce = reduce;
  options.maxFindings = 1000;
  options.maxExecutions = 20000; // a guard: these need far fewer
  Report r = explore(program, options);
  EXPECT_TRUE(r.stats.complete) << r.stats.stoppedBy << " " << r.stats.error;
  std::set<std::string> out;
  for (const Finding &f : r.findings)
    out.insert(f.key);
  return out;
}

TEST(Explorer, AgreesWithNaiveSearchOnSmallPrograms) {
  // Small enough for the naive search: it visits every interleaving.
  std::vector<Script> programs = {philosophers(2, 1, false), sharedLock(2, 2)};
  Script trylocks;
  trylocks.threads = {{create(1), create(2), join(1), join(2)},
                      {lock(1), tryLock(2), unlock(1)},
                      {lock(2), tryLock(1), unlock(2)}};
  programs.push_back(trylocks);
  Script misuse;
  misuse.threads = {
      {create(1), create(2)}, {lock(1), unlock(2)}, {lock(2), unlock(1)}};
  programs.push_back(misuse);
  for (size_t i = 0; i < programs.size(); ++i)
    EXPECT_EQ(outcomes(programs[i], true), outcomes(programs[i], false))
        << "program " << i;
}

TEST(Explorer, ReplayReproducesTheFinding) {
  ScriptedProgram program(philosophers(4, 1, false));
  Report r = explore(program, {});
  ASSERT_EQ(r.findings.size(), 1u);
  Report again = replay(program, r.findings[0].schedule, {});
  ASSERT_EQ(again.findings.size(), 1u);
  EXPECT_EQ(again.findings[0].key, r.findings[0].key);
}

TEST(Explorer, ARecordedOrderRunsTheStepsItDidNotRecordBetweenItsOwn) {
  // Main initialises a semaphore (a free run records no init) before it
  // creates the threads; the recorded order has thread 2's section before
  // thread 1's semaphore wait.
  Script s;
  s.threads = {{semInit(5, 1), create(1), create(2), join(1), join(2)},
               {semWait(5), semPost(5)},
               {lock(1), unlock(1)}};
  ScriptedProgram program(s);
  Execution plain = program.run({});
  std::vector<ThreadId> order;
  std::vector<OpKind> kinds;
  auto add = [&](ThreadId t, size_t nth) { // t's nth event
    for (const Event &e : plain.events)
      if (e.thread == t && nth-- == 0) {
        order.push_back(t);
        kinds.push_back(e.op.kind);
        return;
      }
    FAIL() << "thread " << t << " has too few events";
  };
  size_t threadEvents[3] = {0, 0, 0};
  for (const Event &e : plain.events)
    ++threadEvents[e.thread];
  ASSERT_EQ(plain.events[0].op.kind, OpKind::SemInit);
  add(0, 1); // main's creates, not its init
  add(0, 2);
  for (size_t i = 0; i < threadEvents[2]; ++i)
    add(2, i);
  for (size_t i = 0; i < threadEvents[1]; ++i)
    add(1, i);
  for (size_t i = 3; i < threadEvents[0]; ++i)
    add(0, i);
  Report diverged = replay(program, order, {});
  EXPECT_NE(diverged.stats.error.find("does not fit"), std::string::npos)
      << diverged.stats.error;
  Report r = replay(program, order, {}, kinds);
  EXPECT_EQ(r.stats.error, "");
  ASSERT_TRUE(r.findings.empty());
  // Followed: the init first, then thread 2's lock before thread 1's wait.
  Execution followed = program.run([&] {
    ExecutionRequest request;
    request.prefix = order;
    request.recordedKinds = kinds;
    return request;
  }());
  ASSERT_EQ(followed.end, EndReason::Exited);
  EXPECT_EQ(followed.events.size(), plain.events.size());
  EXPECT_EQ(followed.events[0].op.kind, OpKind::SemInit);
  auto at = [&](OpKind kind) {
    for (size_t i = 0; i < followed.events.size(); ++i)
      if (followed.events[i].op.kind == kind)
        return i;
    return followed.events.size();
  };
  EXPECT_LT(at(OpKind::MutexLock), at(OpKind::SemWait));
}

TEST(Explorer, ScheduleIsTrimmedOfDefaultChoices) {
  ScriptedProgram program(philosophers(3, 1, false));
  Report r = explore(program, {});
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_LT(r.findings[0].schedule.size(),
            r.findings[0].execution->events.size());
}

} // namespace
} // namespace tangle

namespace tangle {
namespace {

TEST(Explorer, RetryBoundCutsSpinningButNotHopelessSpins) {
  // Thread 2 tries the lock thread 1 takes and gives back, five times (and
  // keeps it once a try succeeds: then thread 1 waits for good).
  Script spin;
  spin.threads = {{create(1), create(2), join(1), join(2)},
                  {lock(1), unlock(1), lock(1), unlock(1)},
                  {tryLock(1), tryLock(1), tryLock(1), tryLock(1), tryLock(1)}};
  ExploreOptions tight, loose;
  tight.retryBound = 1;
  loose.retryBound = 10;
  Report cut = exploreScript(spin, tight);
  Report all = exploreScript(spin, loose);
  EXPECT_TRUE(cut.stats.complete);
  EXPECT_EQ(all.stats.retryBounded, 0u);
  EXPECT_LT(cut.stats.executions, all.stats.executions);
  // A thread that retries the lock it holds itself is never cut: nobody
  // else can release it, so those executions run on to their deadlock.
  ASSERT_FALSE(cut.findings.empty());
  EXPECT_EQ(cut.stats.retryBounded, 0u);

  // Main holds the lock and waits for the spinner: no one will release it,
  // so the spinner runs on (and would reach the step limit if it looped).
  Script hopeless;
  hopeless.threads = {{lock(1), create(1), join(1)},
                      {tryLock(1), tryLock(1), tryLock(1), tryLock(1)}};
  Report r = exploreScript(hopeless, tight);
  EXPECT_EQ(r.stats.retryBounded, 0u);
  EXPECT_EQ(r.stats.executions, 1u);

  // Its own lock, likewise.
  Script own;
  own.threads = {{lock(1), tryLock(1), tryLock(1), tryLock(1), unlock(1)}};
  Report o = exploreScript(own, tight);
  EXPECT_EQ(o.stats.retryBounded, 0u);
  EXPECT_EQ(o.stats.executions, 1u);
  EXPECT_TRUE(o.findings.empty());
}

} // namespace
} // namespace tangle

namespace tangle {
namespace {

TEST(Explorer, SiblingExitsCommuteAndRaceOnlyWithTheParentsWaits) {
  // Four children that only exit, reaped by four wait(-1): what differs
  // between executions is which children have exited at each wait. The
  // exits of siblings commute, so DPOR runs one execution per way of
  // placing the four exits among the four waits with each wait having a
  // child to reap: the parking functions, (n+1)^(n-1) = 125.
  Script s;
  s.threads = {{fork(1), fork(1), fork(1), fork(1), waitFor(AnyProcess),
                waitFor(AnyProcess), waitFor(AnyProcess), waitFor(AnyProcess)},
               {}};
  Report r = exploreScript(s);
  EXPECT_TRUE(r.stats.complete);
  EXPECT_TRUE(r.findings.empty());
  EXPECT_EQ(r.stats.executions, 125u);
}

} // namespace
} // namespace tangle

namespace tangle {
namespace {

std::vector<ThreadId> threadsOf(const Execution &e) {
  std::vector<ThreadId> out;
  for (const Event &event : e.events)
    out.push_back(event.thread);
  return out;
}

// A reversal hint (ExecutionRequest::hint) is followed step by step after
// the prefix: the thread sequence of any execution, given as a hint,
// reproduces it. At the first hinted thread that cannot run the default
// scheduler takes over: the execution never diverges.
TEST(Scheduler, HintIsFollowedWhileItCanBe) {
  ScriptedProgram program(scripts::philosophers(3, 2, true));
  const std::vector<ThreadId> plain = threadsOf(program.run({}));
  int differ = 0;
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    ExecutionRequest random;
    random.policy.kind = SchedulePolicy::Pos;
    random.policy.seed = seed;
    const Execution e = program.run(random);
    ASSERT_EQ(e.end, EndReason::Exited) << seed;
    ExecutionRequest hinted;
    hinted.hint = threadsOf(e);
    const Execution f = program.run(hinted);
    EXPECT_EQ(f.end, EndReason::Exited) << seed;
    EXPECT_EQ(threadsOf(f), threadsOf(e)) << seed;
    differ += threadsOf(e) != plain;
  }
  EXPECT_GT(differ, 0); // the hints did take other paths than the default

  ExecutionRequest impossible;
  impossible.hint = {99, 0, 0};
  const Execution g = program.run(impossible);
  EXPECT_EQ(g.end, EndReason::Exited);
  EXPECT_EQ(threadsOf(g), plain);

  // With a prefix, the hint starts where the prefix ends.
  ExecutionRequest random;
  random.policy.kind = SchedulePolicy::Pos;
  random.policy.seed = 7;
  const std::vector<ThreadId> target = threadsOf(program.run(random));
  ASSERT_GT(target.size(), 6u);
  ExecutionRequest both;
  both.prefix.assign(target.begin(), target.begin() + 6);
  both.hint.assign(target.begin() + 6, target.end());
  EXPECT_EQ(threadsOf(program.run(both)), target);
}

} // namespace
} // namespace tangle
