// The predictor's candidates and its Z3 encoding on small hand-written
// recorded runs: reorderings that deadlock (feasible) and ones that the
// gate locks, joins and other synchronisation rule out (infeasible).
#include "model/predict/predict.h"

#include "model/predict/closure.h"

#include <gtest/gtest.h>

#include <map>

namespace tangle {
namespace {

constexpr uint64_t A = 0x1000, B = 0x2000, G = 0x3000, S = 0x4000;

/// Builds a recorded run: each call appends one event at the next time.
class TraceBuilder {
public:
  TraceBuilder() { thread(NoThread); }
  ThreadId thread(ThreadId parent) {
    RecordedThread t;
    t.id = ThreadId(run_.threads.size());
    t.parent = parent;
    run_.threads.push_back(t);
    return t.id;
  }
  TraceBuilder &op(ThreadId t, OpKind kind, uint64_t object = 0,
                   int32_t result = 0) {
    RecordedEvent e;
    e.time = ++time_;
    e.thread = t;
    e.op.kind = kind;
    e.op.object = object;
    e.result = result;
    e.pc = 0x400000 + time_;
    run_.threads[t].events.push_back(e);
    if (kind == OpKind::ThreadExit)
      run_.threads[t].ended = true;
    return *this;
  }
  ThreadId create() {
    ThreadId child = thread(0);
    op(0, OpKind::ThreadCreate, 0, int32_t(child));
    op(child, OpKind::ThreadStart);
    return child;
  }
  TraceBuilder &lock(ThreadId t, uint64_t l) {
    return op(t, OpKind::MutexLock, l);
  }
  TraceBuilder &unlock(ThreadId t, uint64_t l) {
    return op(t, OpKind::MutexUnlock, l);
  }
  /// t takes first then second, and lets both go.
  TraceBuilder &nested(ThreadId t, uint64_t first, uint64_t second) {
    return lock(t, first).lock(t, second).unlock(t, second).unlock(t, first);
  }
  TraceBuilder &exit(ThreadId t) { return op(t, OpKind::ThreadExit); }
  TraceBuilder &join(ThreadId t) { return op(0, OpKind::ThreadJoin, t); }
  const RecordedRun &get() const { return run_; }

private:
  RecordedRun run_;
  uint64_t time_ = 0;
};

TEST(Predict, OppositeOrdersInTwoThreadsAreAFeasibleDeadlock) {
  TraceBuilder r;
  ThreadId t1 = r.create();
  r.nested(t1, A, B).exit(t1);
  ThreadId t2 = r.create();
  r.nested(t2, B, A).exit(t2);
  r.join(t1).join(t2);
  PredictResult result = predictDeadlocks(r.get());
  EXPECT_EQ(result.stats.cycles, 1u);
  ASSERT_EQ(result.predictions.size(), 1u);
  const Prediction &p = result.predictions[0];
  ASSERT_EQ(p.status, PredictionStatus::Feasible) << p.reason;
  // The witness: thread 0 created both, and each thread started and took
  // its first lock, not its second.
  std::vector<ThreadId> schedule = scheduleOf(r.get(), p.witness);
  EXPECT_EQ(std::count(schedule.begin(), schedule.end(), 0u), 2);
  EXPECT_EQ(std::count(schedule.begin(), schedule.end(), 1u), 2);
  EXPECT_EQ(std::count(schedule.begin(), schedule.end(), 2u), 2);
  for (const EventRef &e : p.witness) {
    const RecordedEvent &ev = r.get().threads[e.thread].events[e.index];
    EXPECT_NE(ev.op.kind, OpKind::MutexUnlock);
    EXPECT_NE(ev.op.kind, OpKind::ThreadJoin);
  }
  EXPECT_EQ(p.witness.size(), 6u);
}

TEST(Predict, OneOrderHasNoCycle) {
  TraceBuilder r;
  ThreadId t1 = r.create();
  r.nested(t1, A, B).exit(t1);
  ThreadId t2 = r.create();
  r.nested(t2, A, B).exit(t2);
  r.join(t1).join(t2);
  PredictResult result = predictDeadlocks(r.get());
  EXPECT_EQ(result.stats.cycles, 0u);
  EXPECT_TRUE(result.predictions.empty());
}

TEST(Predict, AGateLockRulesTheCycleOut) {
  TraceBuilder r;
  ThreadId t1 = r.create();
  r.lock(t1, G).nested(t1, A, B).unlock(t1, G).exit(t1);
  ThreadId t2 = r.create();
  r.lock(t2, G).nested(t2, B, A).unlock(t2, G).exit(t2);
  r.join(t1).join(t2);
  PredictResult result = predictDeadlocks(r.get());
  EXPECT_EQ(result.stats.cycles, 1u);
  EXPECT_TRUE(result.predictions.empty());
  EXPECT_EQ(result.stats.gated, 1u);
  EXPECT_EQ(result.stats.solved, 0u);
}

TEST(Predict, TheSolverRulesTheGateOutToo) {
  // Asked directly (no pre-filter), the encoding itself finds it infeasible.
  TraceBuilder r;
  ThreadId t1 = r.create();
  r.lock(t1, G).nested(t1, A, B).unlock(t1, G).exit(t1);
  ThreadId t2 = r.create();
  r.lock(t2, G).nested(t2, B, A).unlock(t2, G).exit(t2);
  DeadlockCandidate c;
  c.parts.push_back({t1, 2, 3, A, B});
  c.parts.push_back({t2, 2, 3, B, A});
  Prediction p = solveCandidate(r.get(), c, {});
  EXPECT_EQ(p.status, PredictionStatus::Infeasible);
}

TEST(Predict, ThreadsSeparatedByAJoinAreFilteredOut) {
  TraceBuilder r;
  ThreadId t1 = r.create();
  r.nested(t1, A, B).exit(t1);
  r.join(t1);
  ThreadId t2 = r.create();
  r.nested(t2, B, A).exit(t2);
  r.join(t2);
  PredictResult result = predictDeadlocks(r.get());
  EXPECT_EQ(result.stats.cycles, 1u);
  EXPECT_TRUE(result.predictions.empty());
  EXPECT_EQ(result.stats.orderedByJoin, 1u);
  // And the encoding agrees when asked directly.
  DeadlockCandidate c;
  c.parts.push_back({t1, 1, 2, A, B});
  c.parts.push_back({t2, 1, 2, B, A});
  EXPECT_EQ(solveCandidate(r.get(), c, {}).status,
            PredictionStatus::Infeasible);
}

TEST(Predict, ASemaphoreThatOrdersTheThreadsMakesItInfeasible) {
  TraceBuilder r;
  ThreadId t1 = r.create();
  ThreadId t2 = r.create();
  r.nested(t1, A, B).op(t1, OpKind::SemPost, S).exit(t1);
  r.op(t2, OpKind::SemWait, S).nested(t2, B, A).exit(t2);
  r.join(t1).join(t2);
  PredictResult result = predictDeadlocks(r.get());
  ASSERT_EQ(result.predictions.size(), 1u);
  EXPECT_EQ(result.predictions[0].status, PredictionStatus::Infeasible);
}

TEST(Predict, AnEarlierSectionOfTheHeldLockRunsBeforeIt) {
  // t2 takes A alone first; t1 then holds A while t2 holds B: t2's lone
  // section must end before t1 takes A, as recorded.
  TraceBuilder r;
  ThreadId t1 = r.create();
  ThreadId t2 = r.create();
  r.lock(t2, A).unlock(t2, A);
  r.nested(t1, A, B).exit(t1);
  r.nested(t2, B, A).exit(t2);
  r.join(t1).join(t2);
  PredictResult result = predictDeadlocks(r.get());
  ASSERT_EQ(result.predictions.size(), 1u);
  EXPECT_EQ(result.predictions[0].status, PredictionStatus::Feasible);
}

TEST(Predict, ThreeThreadCycle) {
  constexpr uint64_t C = 0x5000;
  TraceBuilder r;
  ThreadId t1 = r.create();
  ThreadId t2 = r.create();
  ThreadId t3 = r.create();
  r.nested(t1, A, B).exit(t1);
  r.nested(t2, B, C).exit(t2);
  r.nested(t3, C, A).exit(t3);
  r.join(t1).join(t2).join(t3);
  PredictResult result = predictDeadlocks(r.get());
  ASSERT_EQ(result.predictions.size(), 1u);
  EXPECT_EQ(result.predictions[0].status, PredictionStatus::Feasible);
  EXPECT_EQ(result.predictions[0].candidate.parts.size(), 3u);
}

/// Every event of r, in stamp order.
std::vector<EventRef> byStamp(const RecordedRun &run) {
  std::vector<std::pair<uint64_t, EventRef>> byTime;
  for (const RecordedThread &t : run.threads)
    for (uint32_t i = 0; i < t.events.size(); ++i)
      byTime.push_back({t.events[i].time, {t.id, i}});
  std::sort(byTime.begin(), byTime.end(),
            [](auto &a, auto &b) { return a.first < b.first; });
  std::vector<EventRef> all;
  for (auto &[_, e] : byTime)
    all.push_back(e);
  return all;
}

TEST(Predict, ScheduleNumbersReuseAJoinedThreadsNumber) {
  // Two rounds: t1 is joined before t2 is created, so the controlled
  // runtime gives t2 t1's number.
  TraceBuilder r;
  ThreadId t1 = r.create();
  r.lock(t1, A).unlock(t1, A).exit(t1);
  r.join(t1);
  ThreadId t2 = r.create();
  r.lock(t2, A).unlock(t2, A).exit(t2);
  r.join(t2);
  std::vector<ThreadId> schedule = scheduleOf(r.get(), byStamp(r.get()));
  ASSERT_EQ(schedule.size(), 12u);
  EXPECT_EQ(std::count(schedule.begin(), schedule.end(), 2u), 0);
  EXPECT_EQ(std::count(schedule.begin(), schedule.end(), 1u), 8);
}

TEST(Predict, ScheduleLeavesOutFutexStepsThatOrderNothing) {
  // Main waits on a word twice: the first wait finds it changed (EAGAIN),
  // the second is woken by t1's second wake; t1's first wake woke nobody.
  // Whether a replay makes those two at all depends on memory the free run
  // did not record (a waiter count, a spin that saw the change first), so
  // the schedule names only the wait that queued, its resume and the wake
  // that ended it.
  TraceBuilder r;
  ThreadId t1 = r.create();
  r.op(t1, OpKind::FutexWake, S, 0);
  r.op(0, OpKind::FutexWait, S, EAGAIN)
      .op(0, OpKind::FutexWait, S, 0)
      .op(t1, OpKind::FutexWake, S, 1)
      .op(0, OpKind::FutexResume, S, 0)
      .exit(t1)
      .join(t1);
  RecordedRun run = r.get();
  run.threads[0].events[1].op.flags = FutexValueChanged; // the EAGAIN wait
  std::vector<OpKind> kinds;
  std::vector<ThreadId> schedule = scheduleOf(run, byStamp(run), &kinds);
  std::vector<OpKind> expected = {OpKind::ThreadCreate, OpKind::ThreadStart,
                                  OpKind::FutexWait,    OpKind::FutexWake,
                                  OpKind::FutexResume,  OpKind::ThreadExit,
                                  OpKind::ThreadJoin};
  EXPECT_EQ(kinds, expected);
  EXPECT_EQ(schedule, (std::vector<ThreadId>{0, 1, 0, 1, 0, 1, 0}));
}

} // namespace
} // namespace tangle

namespace tangle {
namespace {

/// Four tellers run one after another, three transfers each between
/// neighbouring accounts, the last teller's last transfer in the wrong
/// order (testcases/predict/tellers.c in small).
TraceBuilder sequentialTellers() {
  constexpr uint64_t L[4] = {0x100, 0x200, 0x300, 0x400};
  TraceBuilder r;
  ThreadId t[4];
  for (int i = 0; i < 4; ++i)
    t[i] = r.create();
  for (int i = 0; i < 4; ++i) {
    int other = (i + 1) % 4;
    uint64_t low = L[std::min(i, other)], high = L[std::max(i, other)];
    for (int k = 0; k < 3; ++k)
      if (i == 3 && k == 2)
        r.nested(t[i], high, low);
      else
        r.nested(t[i], low, high);
    r.exit(t[i]);
  }
  for (int i = 0; i < 4; ++i)
    r.join(t[i]);
  return r;
}

TEST(Predict, SectionsInRecordedOrderCannotReachTheTellersCycle) {
  TraceBuilder r = sequentialTellers();
  PredictOptions strict;
  strict.relaxSections = false;
  PredictResult result = predictDeadlocks(r.get(), strict);
  ASSERT_EQ(result.predictions.size(), 1u);
  EXPECT_EQ(result.predictions[0].candidate.parts.size(), 4u);
  EXPECT_EQ(result.predictions[0].status, PredictionStatus::Infeasible);
}

TEST(Predict, MovingSectionsReachesTheTellersCycle) {
  TraceBuilder r = sequentialTellers();
  PredictResult result = predictDeadlocks(r.get());
  ASSERT_EQ(result.predictions.size(), 1u);
  const Prediction &p = result.predictions[0];
  ASSERT_EQ(p.status, PredictionStatus::Feasible) << p.reason;
  EXPECT_FALSE(p.preservedSections);
  // The witness is a valid execution: no lock taken while another thread
  // holds it, and each thread of the cycle ends holding its lock.
  std::map<uint64_t, ThreadId> holder;
  for (const EventRef &e : p.witness) {
    const RecordedEvent &ev = r.get().threads[e.thread].events[e.index];
    if (ev.op.kind == OpKind::MutexLock) {
      EXPECT_EQ(holder.count(ev.op.object), 0u);
      holder[ev.op.object] = e.thread;
    } else if (ev.op.kind == OpKind::MutexUnlock) {
      EXPECT_EQ(holder[ev.op.object], e.thread);
      holder.erase(ev.op.object);
    }
  }
  EXPECT_EQ(holder.size(), 4u);
  for (const CyclePart &part : p.candidate.parts)
    EXPECT_EQ(holder[part.held], part.thread);
}

} // namespace
} // namespace tangle

// The linear tiers (model/predict/closure.h): which one answers, and that
// their witnesses are executions of the recorded events.
namespace tangle {
namespace {

TEST(PredictClosure, OppositeOrdersAreDecidedByTheSyncPreservingClosure) {
  TraceBuilder r;
  ThreadId t1 = r.create();
  r.nested(t1, A, B).exit(t1);
  ThreadId t2 = r.create();
  r.nested(t2, B, A).exit(t2);
  r.join(t1).join(t2);
  PredictResult result = predictDeadlocks(r.get());
  ASSERT_EQ(result.predictions.size(), 1u);
  const Prediction &p = result.predictions[0];
  ASSERT_EQ(p.status, PredictionStatus::Feasible) << p.reason;
  EXPECT_EQ(p.method, "sync-preserving closure");
  EXPECT_TRUE(p.preservedSections);
  EXPECT_EQ(result.stats.bySolver, 0u);
}

TEST(PredictClosure, TheHeldSectionsLastReachTheTellersWithoutTheSolver) {
  TraceBuilder r = sequentialTellers();
  PredictResult result = predictDeadlocks(r.get());
  ASSERT_EQ(result.predictions.size(), 1u);
  EXPECT_EQ(result.predictions[0].method, "closure, held sections last");
  EXPECT_EQ(result.stats.bySolver, 0u);
}

TEST(PredictClosure, ALongLockedPrefixKeepsTheWitnessExact) {
  // t1 runs 1,000 A-then-B sections before t2 (created after them, but not
  // ordered by a join) takes B then A once: the closure takes in every one
  // of t1's sections but the last, in recorded order.
  TraceBuilder r;
  ThreadId t1 = r.create();
  ThreadId t2 = r.create();
  for (int k = 0; k < 1000; ++k)
    r.nested(t1, A, B);
  r.nested(t2, B, A).exit(t2).exit(t1);
  r.join(t1).join(t2);
  PredictResult result = predictDeadlocks(r.get());
  ASSERT_EQ(result.predictions.size(), 1u);
  const Prediction &p = result.predictions[0];
  ASSERT_EQ(p.status, PredictionStatus::Feasible) << p.reason;
  // Main's two creates and t2's start and lock of B, plus t1's start and
  // its first 999 sections and the lock of A: the latest AB occurrence
  // is the one nearest t2's.
  EXPECT_EQ(p.witness.size(), 2u + 2u + 1u + 999u * 4u + 1u);
  std::map<uint64_t, ThreadId> holder;
  for (const EventRef &e : p.witness) {
    const RecordedEvent &ev = r.get().threads[e.thread].events[e.index];
    if (ev.op.kind == OpKind::MutexLock) {
      ASSERT_EQ(holder.count(ev.op.object), 0u);
      holder[ev.op.object] = e.thread;
    } else if (ev.op.kind == OpKind::MutexUnlock) {
      holder.erase(ev.op.object);
    }
  }
  EXPECT_EQ(holder[A], t1);
  EXPECT_EQ(holder[B], t2);
}

TEST(PredictClosure, ARecordedSemaphoreOrderIsAProofForEveryTier) {
  // t2 waits for t1's post, which comes after t1 let A and B go: no tier
  // and not the solver can put t1 at its request while t2 holds B.
  TraceBuilder r;
  ThreadId t1 = r.create();
  ThreadId t2 = r.create();
  r.nested(t1, A, B).op(t1, OpKind::SemPost, S).exit(t1);
  r.op(t2, OpKind::SemWait, S).nested(t2, B, A).exit(t2);
  r.join(t1).join(t2);
  predict::Facts facts(r.get());
  predict::gather(facts);
  predict::ClosureIndex index(facts);
  DeadlockCandidate c;
  c.parts.push_back({t1, 1, 2, A, B});
  c.parts.push_back({t2, 2, 3, B, A});
  for (predict::ClosureTier tier :
       {predict::ClosureTier::SyncPreserving, predict::ClosureTier::HeldLast})
    EXPECT_EQ(predict::closeCandidate(facts, index, c, tier).status,
              PredictionStatus::Infeasible);
  PredictResult result = predictDeadlocks(r.get());
  ASSERT_EQ(result.predictions.size(), 1u);
  EXPECT_EQ(result.predictions[0].status, PredictionStatus::Infeasible);
  EXPECT_EQ(result.stats.bySolver, 1u); // the solver had the last word
}

TEST(PredictClosure, TheWitnessCheckRefusesALockTakenTwice) {
  TraceBuilder r;
  ThreadId t1 = r.create();
  ThreadId t2 = r.create();
  r.nested(t1, A, B).exit(t1);
  r.nested(t2, B, A).exit(t2);
  predict::Facts facts(r.get());
  predict::gather(facts);
  predict::ClosureIndex index(facts);
  DeadlockCandidate c;
  c.parts.push_back({t1, 1, 2, A, B});
  c.parts.push_back({t2, 1, 2, B, A});
  // Both creates, t1 starts and takes A, then B (its request) runs: out.
  std::vector<EventRef> witness = {{0, 0},  {0, 1},  {t1, 0},
                                   {t1, 1}, {t2, 0}, {t2, 1}};
  EXPECT_EQ(predict::checkWitness(facts, index, c, witness), "");
  witness.push_back({t1, 2}); // t1 takes B, which t2 holds
  EXPECT_NE(predict::checkWitness(facts, index, c, witness), "");
}

} // namespace
} // namespace tangle
