// The lock-order graph on hand-made lock events: cycles found across runs,
// gate locks, and the judgement of whether two edges could run at once.
#include "model/detect/lock_order.h"

#include <gtest/gtest.h>

#include <deque>

namespace tangle {
namespace {

constexpr ObjectAddr A = 0x100, B = 0x200, C = 0x300, G = 0x400;

/// Feeds one run of events to a graph.
class Events {
public:
  Events(LockOrderGraph &graph, uint64_t run) : graph_(graph) {
    graph_.beginRun(run);
  }

  Events &start(ThreadId t) { return event(LockEvent::Kind::Start, t, 0); }
  Events &lock(ThreadId t, ObjectAddr m, uint64_t site) {
    stacks_.emplace_back();
    stacks_.back().frames[0] = site;
    LockEvent e{LockEvent::Kind::Acquire, false, t, m, step_++,
                &stacks_.back()};
    graph_.apply(e);
    return *this;
  }
  Events &trylock(ThreadId t, ObjectAddr m, uint64_t site) {
    stacks_.emplace_back();
    stacks_.back().frames[0] = site;
    LockEvent e{LockEvent::Kind::TryAcquire, false, t, m, step_++,
                &stacks_.back()};
    graph_.apply(e);
    return *this;
  }
  Events &unlock(ThreadId t, ObjectAddr m) {
    return event(LockEvent::Kind::Release, t, m);
  }
  /// Thread `parent` creates `child`, which starts.
  Events &create(ThreadId parent, ThreadId child) {
    send(parent, 1000 + child, true);
    start(child);
    return receive(child, 1000 + child, true);
  }
  /// `joiner` joins `t`, which has ended.
  Events &join(ThreadId joiner, ThreadId t) {
    send(t, 2000 + t, true);
    return receive(joiner, 2000 + t, true);
  }
  Events &send(ThreadId t, uint64_t key, bool lifecycle = false) {
    return event(LockEvent::Kind::Send, t, key, lifecycle);
  }
  Events &receive(ThreadId t, uint64_t key, bool lifecycle = false) {
    return event(LockEvent::Kind::Receive, t, key, lifecycle);
  }
  /// t takes `outer` then `inner` (sites outer*10+t, inner*10+t), and
  /// releases both.
  Events &nested(ThreadId t, ObjectAddr outer, ObjectAddr inner) {
    lock(t, outer, outer * 10 + t);
    lock(t, inner, inner * 10 + t);
    unlock(t, inner);
    return unlock(t, outer);
  }
  std::vector<std::vector<ObjectAddr>> end() { return graph_.endRun(); }

private:
  Events &event(LockEvent::Kind kind, ThreadId t, uint64_t object,
             bool lifecycle = false) {
    LockEvent e{kind, lifecycle, t, object, step_++, nullptr};
    graph_.apply(e);
    return *this;
  }

  LockOrderGraph &graph_;
  uint32_t step_ = 0;
  std::deque<Stack> stacks_;
};

TEST(LockOrderGraph, OneThreadBothOrdersIsACycleOfTheSameThread) {
  LockOrderGraph graph;
  auto found = Events(graph, 1).start(0).nested(0, A, B).nested(0, B, A).end();
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0], (std::vector<ObjectAddr>{A, B}));
  auto judged = graph.judge(found[0], 1);
  ASSERT_TRUE(judged);
  EXPECT_EQ(judged->reason, InversionReason::SameThread);
  ASSERT_EQ(judged->edges.size(), 2u);
  EXPECT_EQ(judged->edges[0].held, A);
  EXPECT_EQ(judged->edges[0].acquired, B);
  EXPECT_EQ(judged->edges[0].heldStack.frames[0], A * 10);
  EXPECT_EQ(judged->edges[0].acquiredStack.frames[0], B * 10);
  EXPECT_EQ(judged->edges[0].heldAt, 1u); // the steps of the witness run
  EXPECT_EQ(judged->edges[0].acquiredAt, 2u);
  EXPECT_TRUE(judged->witnessed);
}

TEST(LockOrderGraph, OneOrderHasNoCycle) {
  LockOrderGraph graph;
  auto found = Events(graph, 1).start(0).nested(0, A, B).nested(0, A, B).end();
  EXPECT_TRUE(found.empty());
  EXPECT_EQ(graph.pairCount(), 1u);
  EXPECT_EQ(graph.variantCount(), 1u);
}

TEST(LockOrderGraph, ACommonGateLockGuardsTheCycle) {
  LockOrderGraph graph;
  Events run(graph, 1);
  run.start(0);
  run.lock(0, G, 1).nested(0, A, B).unlock(0, G);
  run.lock(0, G, 2).nested(0, B, A).unlock(0, G);
  auto found = run.end();
  ASSERT_EQ(found.size(), 1u); // the graph has the cycle ...
  EXPECT_FALSE(graph.judge(found[0], 1)); // ... but G guards it
}

TEST(LockOrderGraph, AGateHeldOnlySometimesDoesNotGuard) {
  LockOrderGraph graph;
  Events run(graph, 1);
  run.start(0);
  run.lock(0, G, 1).nested(0, A, B).unlock(0, G);
  run.nested(0, A, B); // the same sites without G
  run.lock(0, G, 2).nested(0, B, A).unlock(0, G);
  auto found = run.end();
  ASSERT_EQ(found.size(), 1u);
  auto judged = graph.judge(found[0], 1);
  ASSERT_TRUE(judged);
  EXPECT_TRUE(judged->edges[0].gates.empty());
}

TEST(LockOrderGraph, ThreadsOrderedByJoinAreNotConcurrent) {
  LockOrderGraph graph;
  Events run(graph, 1);
  run.start(0).create(0, 1).nested(1, A, B).join(0, 1);
  run.create(0, 2).nested(2, B, A).join(0, 2);
  auto found = run.end();
  ASSERT_EQ(found.size(), 1u);
  auto judged = graph.judge(found[0], 1);
  ASSERT_TRUE(judged);
  EXPECT_EQ(judged->reason, InversionReason::OrderedByJoin);
}

TEST(LockOrderGraph, AReusedThreadNumberIsAnotherThread) {
  // Thread 1 is joined, and its number given to the next thread created.
  LockOrderGraph graph;
  Events run(graph, 1);
  run.start(0).create(0, 1).nested(1, A, B).join(0, 1);
  run.create(0, 1).nested(1, B, A).join(0, 1);
  auto found = run.end();
  ASSERT_EQ(found.size(), 1u);
  auto judged = graph.judge(found[0], 1);
  ASSERT_TRUE(judged);
  EXPECT_EQ(judged->reason, InversionReason::OrderedByJoin);
}

TEST(LockOrderGraph, ConcurrentThreadsAreConcurrent) {
  LockOrderGraph graph;
  Events run(graph, 1);
  run.start(0).create(0, 1).create(0, 2);
  run.nested(1, A, B).nested(2, B, A);
  run.join(0, 1).join(0, 2);
  auto found = run.end();
  ASSERT_EQ(found.size(), 1u);
  auto judged = graph.judge(found[0], 1);
  ASSERT_TRUE(judged);
  EXPECT_EQ(judged->reason, InversionReason::Concurrent);
}

TEST(LockOrderGraph, LockEdgesDoNotOrderThreads) {
  // Thread 1 finishes with A and B before thread 2 starts with them: a
  // mutex orders them in this run only; another interleaving reverses it.
  LockOrderGraph graph;
  Events run(graph, 1);
  run.start(0).create(0, 1).create(0, 2);
  run.nested(1, A, B).nested(2, B, A);
  auto judged = graph.judge(run.end().at(0), 1);
  ASSERT_TRUE(judged);
  EXPECT_EQ(judged->reason, InversionReason::Concurrent);
}

TEST(LockOrderGraph, ASemaphoreOrdersThreads) {
  LockOrderGraph graph;
  Events run(graph, 1);
  run.start(0).create(0, 1).create(0, 2);
  run.nested(1, A, B).send(1, 77);      // sem_post
  run.receive(2, 77).nested(2, B, A);   // sem_wait
  auto judged = graph.judge(run.end().at(0), 1);
  ASSERT_TRUE(judged);
  EXPECT_EQ(judged->reason, InversionReason::OrderedBySync);
}

TEST(LockOrderGraph, TheMostDangerousWayIsReported) {
  // b -> a in thread 2 twice: once after a semaphore from thread 1, once
  // before it, at another site. The unordered one decides.
  LockOrderGraph graph;
  Events run(graph, 1);
  run.start(0).create(0, 1).create(0, 2);
  run.lock(2, B, 5).lock(2, A, 6).unlock(2, A).unlock(2, B);
  run.nested(1, A, B).send(1, 77);
  run.receive(2, 77).nested(2, B, A);
  auto judged = graph.judge(run.end().at(0), 1);
  ASSERT_TRUE(judged);
  EXPECT_EQ(judged->reason, InversionReason::Concurrent);
}

TEST(LockOrderGraph, ThreeLockCycle) {
  LockOrderGraph graph;
  Events run(graph, 1);
  run.start(0);
  for (ThreadId t = 1; t <= 3; ++t) {
    run.create(0, t);
    ObjectAddr locks[] = {A, B, C};
    run.nested(t, locks[t - 1], locks[t % 3]);
    run.join(0, t);
  }
  auto found = run.end();
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0], (std::vector<ObjectAddr>{A, B, C}));
  auto judged = graph.judge(found[0], 1);
  ASSERT_TRUE(judged);
  EXPECT_EQ(judged->edges.size(), 3u);
  EXPECT_EQ(judged->reason, InversionReason::OrderedByJoin);
}

TEST(LockOrderGraph, TrylockAddsNoEdgeIntoTheLock) {
  LockOrderGraph graph;
  Events run(graph, 1);
  run.start(0).nested(0, A, B);
  run.lock(0, B, 1).trylock(0, A, 2).unlock(0, A).unlock(0, B);
  EXPECT_TRUE(run.end().empty());
}

TEST(LockOrderGraph, CyclesAcrossRunsAndRepeatsStayBounded) {
  LockOrderGraph graph;
  {
    Events run(graph, 1);
    run.start(0);
    for (int i = 0; i < 100000; ++i)
      run.nested(0, A, B);
    EXPECT_TRUE(run.end().empty());
  }
  EXPECT_EQ(graph.variantCount(), 1u); // one record, not 100,000
  auto found = Events(graph, 2).start(0).nested(0, B, A).end();
  ASSERT_EQ(found.size(), 1u);
  EXPECT_FALSE(graph.runShows(2, found[0]));
  EXPECT_TRUE(graph.runShows(1, {A, B}) == false);
  // Edges never seen in one run: nothing says they are ordered.
  auto judged = graph.judge(found[0], std::nullopt);
  ASSERT_TRUE(judged);
  EXPECT_EQ(judged->reason, InversionReason::Concurrent);
  EXPECT_FALSE(judged->witnessed);
}

} // namespace
} // namespace tangle
