// The Machine's semantics for threads and mutexes of every type.
#include "model/machine.h"

#include <cerrno>
#include <gtest/gtest.h>

namespace tangle {
namespace {

Operation mutexOp(OpKind kind, ObjectAddr m, MutexType type) {
  return {kind, 0, 0, m, static_cast<uint64_t>(type)};
}

class MachineTest : public ::testing::Test {
protected:
  /// Main creates `n` threads; returns their ids.
  std::vector<ThreadId> spawn(int n) {
    std::vector<ThreadId> ids;
    for (int i = 0; i < n; ++i) {
      machine.post(0, {OpKind::ThreadCreate, 0, 0, 0, 0});
      Outcome o = machine.step(0);
      EXPECT_EQ(o.effect, Effect::Created);
      ThreadId t = static_cast<ThreadId>(o.result);
      EXPECT_TRUE(machine.enabled(t)); // its ThreadStart
      machine.step(t);
      ids.push_back(t);
    }
    return ids;
  }
  Outcome run(ThreadId t, OpKind kind, ObjectAddr m,
              MutexType type = MutexType::Default) {
    machine.post(t, mutexOp(kind, m, type));
    EXPECT_TRUE(machine.enabled(t));
    return machine.step(t);
  }
  Machine machine;
};

TEST_F(MachineTest, LockIsExclusive) {
  auto t = spawn(2);
  EXPECT_EQ(run(t[0], OpKind::MutexLock, 1).effect, Effect::Acquired);
  machine.post(t[1], mutexOp(OpKind::MutexLock, 1, MutexType::Default));
  EXPECT_FALSE(machine.enabled(t[1]));
  EXPECT_EQ(machine.accessOf(t[1]).kind, AccessKind::Acquire);
  EXPECT_EQ(run(t[0], OpKind::MutexUnlock, 1).effect, Effect::Released);
  EXPECT_TRUE(machine.enabled(t[1]));
  EXPECT_EQ(machine.step(t[1]).effect, Effect::Acquired);
  EXPECT_EQ(machine.mutex(1)->owner, t[1]);
}

TEST_F(MachineTest, NormalRelockBlocksForever) {
  auto t = spawn(1);
  run(t[0], OpKind::MutexLock, 1);
  machine.post(t[0], mutexOp(OpKind::MutexLock, 1, MutexType::Default));
  EXPECT_FALSE(machine.enabled(t[0]));
}

TEST_F(MachineTest, ErrorCheckRelockReturnsEdeadlk) {
  auto t = spawn(1);
  run(t[0], OpKind::MutexLock, 1, MutexType::ErrorCheck);
  Outcome o = run(t[0], OpKind::MutexLock, 1, MutexType::ErrorCheck);
  EXPECT_EQ(o.result, EDEADLK);
  EXPECT_EQ(o.effect, Effect::RelockErrorCheck);
}

TEST_F(MachineTest, RecursiveCountsAndUnbalancedReleaseIsReported) {
  auto t = spawn(2);
  run(t[0], OpKind::MutexLock, 1, MutexType::Recursive);
  EXPECT_EQ(run(t[0], OpKind::MutexLock, 1).effect, Effect::Reacquired);
  EXPECT_EQ(run(t[0], OpKind::MutexUnlock, 1).effect, Effect::ReleasedOne);
  machine.post(t[1], mutexOp(OpKind::MutexLock, 1, MutexType::Recursive));
  EXPECT_FALSE(machine.enabled(t[1])) << "still held once";
  EXPECT_EQ(run(t[0], OpKind::MutexUnlock, 1).effect, Effect::Released);
  Outcome extra = run(t[0], OpKind::MutexUnlock, 1);
  EXPECT_EQ(extra.effect, Effect::RecursiveUnbalanced);
  EXPECT_EQ(extra.result, EPERM);
}

TEST_F(MachineTest, TryLockAndTimedLockFailWhenHeld) {
  auto t = spawn(2);
  run(t[0], OpKind::MutexLock, 1);
  Outcome tryOutcome = run(t[1], OpKind::MutexTryLock, 1);
  EXPECT_EQ(tryOutcome.result, EBUSY);
  EXPECT_EQ(tryOutcome.access.kind, AccessKind::Observe);
  EXPECT_EQ(run(t[1], OpKind::MutexTimedLock, 1).result, ETIMEDOUT);
  run(t[0], OpKind::MutexUnlock, 1);
  EXPECT_EQ(run(t[1], OpKind::MutexTryLock, 1).effect, Effect::Acquired);
}

TEST_F(MachineTest, UnlockByNonOwnerReleasesNormalButNotErrorCheck) {
  auto t = spawn(2);
  run(t[0], OpKind::MutexLock, 1);
  Outcome o = run(t[1], OpKind::MutexUnlock, 1);
  EXPECT_EQ(o.effect, Effect::UnlockNotOwner);
  EXPECT_EQ(o.result, 0);
  EXPECT_FALSE(machine.mutex(1)->held()) << "glibc releases a normal mutex";

  run(t[0], OpKind::MutexLock, 2, MutexType::ErrorCheck);
  Outcome checked = run(t[1], OpKind::MutexUnlock, 2, MutexType::ErrorCheck);
  EXPECT_EQ(checked.result, EPERM);
  EXPECT_TRUE(machine.mutex(2)->held());
}

TEST_F(MachineTest, UnlockUnlockedAndDestroyLocked) {
  auto t = spawn(1);
  EXPECT_EQ(run(t[0], OpKind::MutexUnlock, 1).effect, Effect::UnlockUnlocked);
  run(t[0], OpKind::MutexLock, 1);
  Outcome d = run(t[0], OpKind::MutexDestroy, 1);
  EXPECT_EQ(d.effect, Effect::DestroyLocked);
  EXPECT_EQ(d.result, EBUSY);
}

TEST_F(MachineTest, JoinWaitsForExit) {
  auto t = spawn(1);
  machine.post(0, {OpKind::ThreadJoin, 0, 0, t[0], 0});
  EXPECT_FALSE(machine.enabled(0));
  machine.post(t[0], {OpKind::ThreadExit, 0, 0, 0, 0});
  machine.step(t[0]);
  EXPECT_FALSE(machine.live(t[0]));
  EXPECT_TRUE(machine.enabled(0));
  EXPECT_EQ(machine.step(0).effect, Effect::Joined);
  machine.post(0, {OpKind::ThreadJoin, 0, 0, t[0], 0});
  EXPECT_EQ(machine.step(0).result, EINVAL) << "joined twice";
  machine.post(0, {OpKind::ThreadJoin, 0, 0, 0, 0});
  EXPECT_EQ(machine.step(0).result, EDEADLK) << "join self";
}

TEST_F(MachineTest, AOnceRunsOnceAndAFreshOneAtItsAddressRunsAgain) {
  constexpr ObjectAddr O = 0x5000;
  auto t = spawn(2);
  machine.post(t[0], {OpKind::OnceEnter, OnceFresh, 0, O, 0});
  EXPECT_EQ(machine.step(t[0]).effect, Effect::OnceRun);
  // The second caller waits for the routine, whatever its word said when
  // it called (the runtime reads it again when the step runs).
  machine.post(t[1], {OpKind::OnceEnter, OnceFresh, 0, O, 0});
  EXPECT_FALSE(machine.enabled(t[1]));
  machine.post(t[0], {OpKind::OnceDone, 0, 0, O, 0});
  machine.step(t[0]);
  machine.post(t[1], {OpKind::OnceEnter, 0, 0, O, 0});
  ASSERT_TRUE(machine.enabled(t[1]));
  EXPECT_EQ(machine.accessOf(t[1]).kind, AccessKind::Observe);
  EXPECT_EQ(machine.step(t[1]).result, 0) << "done: the routine ran";
  // The memory was freed and a new once made there (PTHREAD_ONCE_INIT).
  machine.post(t[1], {OpKind::OnceEnter, OnceFresh, 0, O, 0});
  EXPECT_EQ(machine.accessOf(t[1]).kind, AccessKind::Mutate);
  Outcome again = machine.step(t[1]);
  EXPECT_EQ(again.effect, Effect::OnceRun);
  EXPECT_EQ(again.result, 1);
  // Its routine throws: the once is not done, and the next caller runs it.
  machine.post(t[0], {OpKind::OnceEnter, 0, 0, O, 0});
  EXPECT_FALSE(machine.enabled(t[0]));
  machine.post(t[1], {OpKind::OnceDone, OnceAbandoned, 0, O, 0});
  machine.step(t[1]);
  ASSERT_TRUE(machine.enabled(t[0]));
  EXPECT_EQ(machine.step(t[0]).effect, Effect::OnceRun);
}

TEST_F(MachineTest, ObjectsRememberAnyNumberOfThreads) {
  // 1,000 threads at one barrier, waiting on one condition, reading one
  // rwlock: none is forgotten (objects/thread_set.h).
  constexpr int N = 1000;
  constexpr ObjectAddr B = 0x2000, C = 0x3000, RW = 0x4000;
  auto t = spawn(N);
  machine.post(0, {OpKind::BarrierInit, 0, 0, B, N});
  machine.step(0);
  for (int i = 0; i < N; ++i) {
    machine.post(t[i], {OpKind::BarrierWait, 0, 0, B, 0});
    EXPECT_EQ(machine.step(t[i]).result, i + 1 == N ? -1 : 0);
  }
  for (int i = 0; i < N; ++i) {
    machine.post(t[i], {OpKind::RwRdLock, 0, 0, RW, 0});
    EXPECT_EQ(machine.step(t[i]).effect, Effect::SharedAcquired);
  }
  EXPECT_EQ(machine.rwlock(RW)->readers.size(), size_t(N));
  for (int i = 0; i < N; ++i) {
    run(t[i], OpKind::MutexLock, 1);
    machine.post(t[i], {OpKind::CondWait, 0, 0, C, 1});
    EXPECT_EQ(machine.step(t[i]).effect, Effect::CondWaited);
  }
  EXPECT_EQ(machine.condition(C)->waiters.size(), size_t(N));
  machine.post(0, {OpKind::CondBroadcast, 0, 0, C, 0});
  EXPECT_EQ(machine.step(0).effect, Effect::Signalled);
  for (int i = 0; i < N; ++i) {
    machine.post(t[i], {OpKind::CondWake, 0, 0, C, 1});
    ASSERT_TRUE(machine.enabled(t[i])) << i;
    EXPECT_EQ(machine.step(t[i]).effect, Effect::Woken);
    run(t[i], OpKind::MutexUnlock, 1);
  }
}

TEST_F(MachineTest, ProcessExitEndsEverything) {
  auto t = spawn(1);
  machine.post(t[0], mutexOp(OpKind::MutexLock, 1, MutexType::Default));
  machine.post(0, {OpKind::ProcessExit, 0, 0, 0, 0});
  EXPECT_EQ(machine.accessOf(0).kind, AccessKind::ProcessExit);
  machine.step(0);
  EXPECT_TRUE(machine.processEnded());
  EXPECT_FALSE(machine.enabled(t[0]));
}

// Polls without a sleep (objects/thread.h, PollTurn): a turn ends where
// the thread is about to repeat its first step.
class PollTest : public MachineTest {
protected:
  static Operation op(OpKind kind, ObjectAddr m, bool same) {
    Operation o = mutexOp(kind, m, MutexType::Default);
    if (same)
      o.flags |= SameMemory;
    return o;
  }
  /// Runs t's next steps; returns whether any of them, when posted, began
  /// one more turn of a poll (Machine::pollsAgain). Only a lock can.
  bool steps(ThreadId t, std::initializer_list<Operation> ops) {
    bool again = false;
    for (const Operation &o : ops) {
      machine.post(t, o);
      EXPECT_TRUE(machine.enabled(t));
      const bool polls = machine.pollsAgain(t);
      EXPECT_TRUE(!polls || o.kind == OpKind::MutexLock);
      EXPECT_EQ(machine.wouldFailTry(t), polls) << "counted as a failed try";
      again = again || polls;
      machine.step(t);
    }
    return again;
  }
};

TEST_F(PollTest, ALockedLookRepeatedWithNothingNewIsAPoll) {
  auto t = spawn(2);
  auto round = [&] {
    return steps(t[0], {op(OpKind::MutexLock, 1, true),
                        op(OpKind::MutexUnlock, 1, true)});
  };
  EXPECT_FALSE(round()) << "the first turn has nothing to repeat";
  EXPECT_FALSE(round());
  int rounds = 2;
  while (rounds < 5 && !round())
    ++rounds;
  EXPECT_LT(rounds, 5) << "the same look, again and again, is a poll";
  // Another thread ran: what the poller looks at may have changed.
  run(t[1], OpKind::MutexLock, 2);
  machine.post(t[0], op(OpKind::MutexLock, 1, true));
  EXPECT_FALSE(machine.pollsAgain(t[0]));
}

TEST_F(PollTest, NoPollWhereTheRuntimeSawNewsOrSawNothing) {
  // A loop that counts under the lock (its writes change memory), or one in
  // a program whose accesses the runtime does not see: no SameMemory.
  auto t = spawn(1);
  for (int i = 0; i < 6; ++i)
    EXPECT_FALSE(steps(t[0], {op(OpKind::MutexLock, 1, false),
                              op(OpKind::MutexUnlock, 1, true)}));
  EXPECT_EQ(machine.thread(t[0]).failedTries, 0u);
}

TEST_F(PollTest, TwoSectionsARoundRepeatEveryTwoTurns) {
  // The anchor's lock taken twice a round, the two sections different
  // (`lock; look; unlock; lock; lock other; ...`): the turns alternate,
  // and two of them repeat the two before them.
  auto t = spawn(1);
  bool polled = false;
  for (int i = 0; i < 6 && !polled; ++i)
    polled = steps(
        t[0],
        {op(OpKind::MutexLock, 1, true), op(OpKind::MutexUnlock, 1, true),
         op(OpKind::MutexLock, 1, true), op(OpKind::MutexLock, 2, true),
         op(OpKind::MutexUnlock, 2, true), op(OpKind::MutexUnlock, 1, true)});
  EXPECT_TRUE(polled);
}

TEST(Dependence, FollowsTheObjectAndTheKind) {
  Access acquire{AccessKind::Acquire, 1}, release{AccessKind::OwnerRelease, 1},
      observe{AccessKind::Observe, 1}, other{AccessKind::Acquire, 2},
      exitAll{AccessKind::ProcessExit, 0}, none{};
  EXPECT_TRUE(dependent(acquire, acquire));
  EXPECT_FALSE(dependent(acquire, other));
  EXPECT_FALSE(dependent(acquire, release)) << "never both enabled";
  EXPECT_TRUE(dependent(observe, release));
  EXPECT_TRUE(dependent(observe, acquire));
  EXPECT_FALSE(dependent(observe, observe));
  EXPECT_TRUE(dependent(exitAll, none));
  EXPECT_FALSE(dependent(none, acquire));
}

} // namespace
} // namespace tangle

namespace tangle {
namespace {

// Object lifetimes (objects/lifetime.h): what the runtime read from the
// object's memory rides on the operation.
class LifetimeTest : public MachineTest {
protected:
  Outcome step(ThreadId t, Operation op) {
    machine.post(t, op);
    EXPECT_TRUE(machine.enabled(t));
    return machine.step(t);
  }
  static Operation generation(Operation op, uint32_t g) {
    op.flags |= ObjectGeneration;
    op.reserved = g;
    return op;
  }
};

TEST_F(LifetimeTest, AMutexUsedAfterDestroyFailsWithEinval) {
  auto t = spawn(1);
  run(t[0], OpKind::MutexLock, 1);
  run(t[0], OpKind::MutexUnlock, 1);
  EXPECT_EQ(run(t[0], OpKind::MutexDestroy, 1).result, 0);
  Outcome o = run(t[0], OpKind::MutexLock, 1);
  EXPECT_EQ(o.result, EINVAL);
  EXPECT_EQ(o.effect, Effect::UsedDestroyed);
  EXPECT_EQ(o.misuse, Effect::UsedDestroyed);
  EXPECT_FALSE(machine.mutex(1)->held());
}

TEST_F(LifetimeTest, GarbageInAMutexFailsAndASemaphoreGoesOn) {
  auto t = spawn(1);
  Operation lock = mutexOp(OpKind::MutexLock, 1, MutexType::Default);
  lock.flags |= ObjectUninitialized;
  Outcome o = step(t[0], lock);
  EXPECT_EQ(o.result, EINVAL);
  EXPECT_EQ(o.misuse, Effect::Uninitialized);
  // A semaphore nobody initialised works as glibc's zeroed one (value 0),
  // and is reported.
  Operation post{OpKind::SemPost, ObjectUninitialized, 0, 2, 0};
  o = step(t[0], post);
  EXPECT_EQ(o.effect, Effect::Posted);
  EXPECT_EQ(o.misuse, Effect::Uninitialized);
}

TEST_F(LifetimeTest, ANewerGenerationIsANewObject) {
  auto t = spawn(2);
  // Thread 1 took the old mutex and never gave it back (its frame ended).
  step(t[0], generation(mutexOp(OpKind::MutexLock, 1, MutexType::Default), 1));
  // The memory holds a fresh initializer: generation 2, free to lock.
  Operation relock =
      generation(mutexOp(OpKind::MutexLock, 1, MutexType::Default), 2);
  Outcome o = step(t[1], relock);
  EXPECT_EQ(o.effect, Effect::Acquired);
  EXPECT_EQ(o.misuse, Effect::None);
  EXPECT_EQ(machine.mutex(1)->owner, t[1]);
  EXPECT_EQ(machine.generation(1), 2u);
  // The same generation again changes nothing: the object stays.
  machine.post(t[0], relock);
  EXPECT_FALSE(machine.enabled(t[0]));
}

TEST_F(LifetimeTest, AFreshConditionOnADestroyedOneIsNew) {
  auto t = spawn(1);
  step(t[0], {OpKind::CondDestroy, 0, 0, 3, 0});
  Operation signal{OpKind::CondSignal, 0, 0, 3, 0};
  EXPECT_EQ(step(t[0], signal).misuse, Effect::UsedDestroyed);
  Operation fresh = signal;
  fresh.flags |= ObjectGeneration;
  fresh.reserved = ObjectFresh;
  EXPECT_EQ(step(t[0], fresh).misuse, Effect::None);
  EXPECT_FALSE(machine.condition(3)->destroyed);
}

TEST_F(LifetimeTest, InitialisingAHeldMutexIsReinit) {
  auto t = spawn(2);
  run(t[0], OpKind::MutexLock, 1);
  Outcome o = step(
      t[1], generation(mutexOp(OpKind::MutexInit, 1, MutexType::Default), 1));
  EXPECT_EQ(o.effect, Effect::Reinitialized);
  EXPECT_FALSE(machine.mutex(1)->held());
}

TEST_F(LifetimeTest, FreeingAHeldMutexEndsItAndAnInitThereIsNew) {
  auto t = spawn(1);
  step(t[0], generation(mutexOp(OpKind::MutexInit, 1, MutexType::Default), 1));
  run(t[0], OpKind::MutexLock, 1);
  // Destroying it held fails (EBUSY) and leaves it held.
  EXPECT_EQ(step(t[0], generation(mutexOp(OpKind::MutexDestroy, 1,
                                          MutexType::Default),
                                  1))
                .effect,
            Effect::DestroyLocked);
  EXPECT_TRUE(machine.mutex(1)->held());
  Operation freed = mutexOp(OpKind::MutexDestroy, 1, MutexType::Default);
  freed.flags = ObjectFreed;
  Outcome end = step(t[0], freed);
  EXPECT_EQ(end.effect, Effect::None);
  EXPECT_EQ(end.misuse, Effect::None);
  EXPECT_FALSE(machine.mutex(1)->held());
  EXPECT_TRUE(machine.mutex(1)->destroyed);
  // A lock of the freed mutex is a use of a destroyed one.
  EXPECT_EQ(step(t[0], generation(mutexOp(OpKind::MutexLock, 1,
                                          MutexType::Default),
                                  1))
                .misuse,
            Effect::UsedDestroyed);
  Outcome init = step(
      t[0], generation(mutexOp(OpKind::MutexInit, 1, MutexType::Default), 2));
  EXPECT_EQ(init.effect, Effect::None);
  EXPECT_FALSE(machine.mutex(1)->destroyed);
  EXPECT_EQ(run(t[0], OpKind::MutexLock, 1).effect, Effect::Acquired);
}

TEST_F(LifetimeTest, FreeingEndsEveryObjectInTheBlockOnly) {
  auto t = spawn(1);
  step(t[0], generation(mutexOp(OpKind::MutexInit, 16, MutexType::Default), 1));
  step(t[0], {OpKind::CondInit, 0, 0, 64, 0});
  step(t[0], generation(mutexOp(OpKind::MutexInit, 200, MutexType::Default), 1));
  std::vector<std::pair<OpKind, ObjectAddr>> found;
  machine.forEachLiveObjectIn(
      0, 128, [&](OpKind kind, ObjectAddr a) { found.push_back({kind, a}); });
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0], std::make_pair(OpKind::MutexDestroy, ObjectAddr(16)));
  EXPECT_EQ(found[1], std::make_pair(OpKind::CondDestroy, ObjectAddr(64)));
  for (auto [kind, a] : found) {
    Operation freed{kind, ObjectFreed, 0, a, 0};
    step(t[0], freed);
  }
  found.clear();
  machine.forEachLiveObjectIn(
      0, 1000, [&](OpKind kind, ObjectAddr a) { found.push_back({kind, a}); });
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].second, ObjectAddr(200));
}

} // namespace
} // namespace tangle
