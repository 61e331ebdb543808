// Thread and process numbers are reused (objects/ids.h): by whom, when not,
// and what a reused process number starts with.
#include "model/machine.h"

#include <cerrno>
#include <gtest/gtest.h>

namespace tangle {
namespace {

constexpr ObjectAddr M = 0x1000;

class IdsTest : public ::testing::Test {
protected:
  Outcome step(ThreadId t, Operation op) {
    machine.post(t, op);
    EXPECT_TRUE(machine.enabled(t)) << opKindName(op.kind);
    return machine.step(t);
  }
  /// t creates a thread and it starts; returns its number.
  ThreadId create(ThreadId t) {
    Outcome o = step(t, {OpKind::ThreadCreate, 0, 0, 0, 0});
    EXPECT_EQ(o.effect, Effect::Created);
    auto child = static_cast<ThreadId>(o.result);
    step(child, {OpKind::ThreadStart, 0, 0, 0, 0});
    return child;
  }
  void exit(ThreadId t) { step(t, {OpKind::ThreadExit, 0, 0, t, 0}); }
  void join(ThreadId t, ThreadId target) {
    EXPECT_EQ(step(t, {OpKind::ThreadJoin, 0, 0, target, 0}).effect,
              Effect::Joined);
  }
  /// t forks; returns the child's first thread, started.
  ThreadId fork(ThreadId t) {
    Outcome o = step(t, {OpKind::ProcessFork, 0, 0, 0, 0});
    EXPECT_EQ(o.effect, Effect::Forked);
    auto child = static_cast<ThreadId>(o.result);
    step(child, {OpKind::ThreadStart, 0, 0, 0, 0});
    return child;
  }
  void exitProcess(ThreadId t) { step(t, {OpKind::ProcessExit, 0, 0, 0, 0}); }
  int32_t wait(ThreadId t, uint64_t process = AnyProcess, uint16_t flags = 0) {
    return step(t, {OpKind::ProcessWait, flags, 0, process, 0}).result;
  }
  Operation lock(ObjectAddr m) {
    return {OpKind::MutexLock, 0, 0, m, uint64_t(MutexType::Default)};
  }
  Machine machine;
};

TEST_F(IdsTest, AJoinedThreadsNumberGoesToTheNextThreadItsJoinerCreates) {
  for (int i = 0; i < 1000; ++i) {
    ThreadId t = create(0);
    EXPECT_EQ(t, 1u);
    exit(t);
    join(0, t);
  }
  EXPECT_EQ(machine.threadCount(), 2u);
}

TEST_F(IdsTest, AnExitedThreadKeepsItsNumberUntilJoined) {
  ThreadId a = create(0);
  exit(a);
  EXPECT_EQ(create(0), 2u); // a is not joined yet
  join(0, a);
  EXPECT_EQ(create(0), a);
}

TEST_F(IdsTest, OnlyTheJoinerReusesTheNumber) {
  ThreadId a = create(0), b = create(0);
  exit(a);
  join(b, a);               // b joined a: a's number is b's
  EXPECT_EQ(create(0), 3u); // not main's
  EXPECT_EQ(create(b), a);  // b's
  ThreadId c = create(0);   // main's pool is empty
  EXPECT_EQ(c, 4u);
}

TEST_F(IdsTest, AJoinedThreadPassesItsFreeNumbersToItsJoiner) {
  ThreadId a = create(0);
  ThreadId inner = create(a);
  exit(inner);
  join(a, inner); // inner's number is a's
  exit(a);
  join(0, a); // ... and now main's, with a's own
  EXPECT_EQ(create(0), 1u);
  EXPECT_EQ(create(0), 2u);
  EXPECT_EQ(machine.threadCount(), 3u);
}

TEST_F(IdsTest, AThreadThatEndsHoldingALockKeepsItsNumber) {
  ThreadId a = create(0);
  step(a, lock(M));
  exit(a);
  join(0, a);
  // The mutex still names a as its owner: a new thread must not be it.
  EXPECT_NE(create(0), a);
  EXPECT_EQ(machine.mutex(M)->owner, a);
}

TEST_F(IdsTest, AReapedProcessesNumberAndThreadsGoToTheReaper) {
  for (int i = 0; i < 1000; ++i) {
    ThreadId child = fork(0);
    EXPECT_EQ(machine.processOf(child), 1u);
    EXPECT_EQ(child, 1u);
    exitProcess(child);
    EXPECT_EQ(wait(0), 1);
  }
  EXPECT_EQ(machine.processCount(), 2u);
  EXPECT_EQ(machine.threadCount(), 2u);
}

TEST_F(IdsTest, AZombieOrAProcessWaitedWithWnowaitKeepsItsNumber) {
  ThreadId child = fork(0);
  exitProcess(child);
  EXPECT_EQ(machine.processOf(fork(0)), 2u); // process 1 is a zombie
  EXPECT_EQ(wait(0, 1, WaitKeep), 1);
  EXPECT_EQ(machine.processOf(fork(0)), 3u); // still one
  EXPECT_EQ(wait(0, 1), 1);
  EXPECT_EQ(machine.processOf(fork(0)), 1u); // reaped: free
}

TEST_F(IdsTest, AReusedProcessNumberStartsWithoutTheOldPrivateObjects) {
  // Process 1 ends holding the mutex in its private memory (key tagged 1).
  const ObjectAddr privateM = tagObject(M, 1);
  ThreadId child = fork(0);
  step(child, lock(privateM));
  exitProcess(child);
  wait(0, 1);
  ThreadId again = fork(0);
  EXPECT_EQ(machine.processOf(again), 1u);
  // The new process's copy of the mutex is free; the shared one untouched.
  EXPECT_EQ(machine.mutex(privateM), nullptr);
  EXPECT_EQ(step(again, lock(privateM)).effect, Effect::Acquired);
}

TEST_F(IdsTest, AnOrphanIsNotAChildOfTheProcessThatGetsItsParentsNumber) {
  ThreadId parent = fork(0);      // process 1
  ThreadId orphan = fork(parent); // process 2, child of 1
  exitProcess(parent);            // 2 is an orphan now
  EXPECT_TRUE(machine.process(2).orphaned);
  EXPECT_EQ(wait(0, 1), 1);
  ThreadId newParent = fork(0); // process 1 again
  EXPECT_EQ(machine.processOf(newParent), 1u);
  // Its wait finds no child: the orphan is not its.
  EXPECT_EQ(wait(newParent), WaitNoChild);
  (void)orphan;
}

TEST_F(IdsTest, ForkFailsWithEagainOnceEveryProcessNumberIsTaken) {
  for (ProcessId p = 1; p < MaxProcesses; ++p)
    fork(0);
  EXPECT_EQ(machine.processCount(), size_t(MaxProcesses));
  Outcome refused = step(0, {OpKind::ProcessFork, 0, 0, 0, 0});
  EXPECT_EQ(refused.result, -EAGAIN);
  EXPECT_EQ(refused.effect, Effect::None);
  // A reaped child frees a number for the thread that reaped it.
  exitProcess(1);
  EXPECT_EQ(wait(0, 1), 1);
  EXPECT_EQ(machine.processOf(fork(0)), 1u);
}

} // namespace
} // namespace tangle
