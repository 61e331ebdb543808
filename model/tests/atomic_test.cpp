// Atomics in the model: how they depend on each other, how a spin loop is
// recognised (objects/atomic.h), and how the scheduler ends a spin nobody
// can end.
#include "model/explore/scheduler.h"
#include "model/machine.h"

#include <gtest/gtest.h>

namespace tangle {
namespace {

constexpr ObjectAddr Flag = 0x100, Turn = 0x200;
constexpr uint64_t LoopPc = 0x4000, OtherPc = 0x4010;

Operation atomicOp(OpKind kind, ObjectAddr object, uint64_t pc) {
  return {kind, 4, 0, object, pc};
}

class AtomicTest : public ::testing::Test {
protected:
  std::vector<ThreadId> spawn(int n) {
    std::vector<ThreadId> ids;
    for (int i = 0; i < n; ++i) {
      machine.post(0, {OpKind::ThreadCreate, 0, 0, 0, 0});
      ThreadId t = static_cast<ThreadId>(machine.step(0).result);
      machine.step(t); // its ThreadStart
      ids.push_back(t);
    }
    return ids;
  }
  /// t runs an atomic that changes the value or not.
  void run(ThreadId t, OpKind kind, ObjectAddr object, uint64_t pc,
           bool changed) {
    Operation op = atomicOp(kind, object, pc);
    machine.post(t, op);
    ASSERT_TRUE(machine.enabled(t)); // atomics never block
    machine.step(t);
    machine.completeAtomic(t, op, changed);
  }
  Machine machine;
};

TEST_F(AtomicTest, LoadsCommuteEverythingElseOnOneAddressConflicts) {
  auto t = spawn(2);
  machine.post(t[0], atomicOp(OpKind::AtomicLoad, Flag, LoopPc));
  machine.post(t[1], atomicOp(OpKind::AtomicLoad, Flag, LoopPc));
  EXPECT_FALSE(dependent(machine.accessOf(t[0]), machine.accessOf(t[1])));
  machine.post(t[1], atomicOp(OpKind::AtomicStore, Flag, LoopPc));
  EXPECT_TRUE(dependent(machine.accessOf(t[0]), machine.accessOf(t[1])));
  machine.post(t[1], atomicOp(OpKind::AtomicRmw, Flag, LoopPc));
  EXPECT_TRUE(dependent(machine.accessOf(t[0]), machine.accessOf(t[1])));
  machine.post(t[1], atomicOp(OpKind::AtomicRmw, Turn, LoopPc));
  EXPECT_FALSE(dependent(machine.accessOf(t[0]), machine.accessOf(t[1])));
}

TEST_F(AtomicTest, AnUnchangedRereadIsOneMoreTurnOfASpin) {
  auto t = spawn(2);
  run(t[0], OpKind::AtomicLoad, Flag, LoopPc, false);
  machine.post(t[0], atomicOp(OpKind::AtomicLoad, Flag, LoopPc));
  EXPECT_TRUE(machine.wouldFailTry(t[0]));
  // The same variable at another instruction is not the same loop.
  machine.post(t[0], atomicOp(OpKind::AtomicLoad, Flag, OtherPc));
  EXPECT_FALSE(machine.wouldFailTry(t[0]));
  run(t[0], OpKind::AtomicLoad, Flag, LoopPc, false);
  run(t[0], OpKind::AtomicLoad, Flag, LoopPc, false);
  EXPECT_EQ(machine.thread(t[0]).failedTries, 2u);
  EXPECT_EQ(machine.thread(t[0]).spinRepeats, 2u);
  // Another thread changes the flag: the next read may see something new.
  run(t[1], OpKind::AtomicStore, Flag, OtherPc, true);
  machine.post(t[0], atomicOp(OpKind::AtomicLoad, Flag, LoopPc));
  EXPECT_FALSE(machine.wouldFailTry(t[0]));
  // A store of the value already there changes nothing.
  run(t[0], OpKind::AtomicLoad, Flag, LoopPc, false);
  run(t[1], OpKind::AtomicStore, Flag, OtherPc, false);
  machine.post(t[0], atomicOp(OpKind::AtomicLoad, Flag, LoopPc));
  EXPECT_TRUE(machine.wouldFailTry(t[0]));
}

TEST_F(AtomicTest, ALoopOverTwoVariablesRepeatsOnlyIfNeitherChanged) {
  // Peterson's `while (want[other] && turn == other)`.
  auto t = spawn(2);
  run(t[0], OpKind::AtomicLoad, Flag, LoopPc, false);
  run(t[0], OpKind::AtomicLoad, Turn, OtherPc, false);
  machine.post(t[0], atomicOp(OpKind::AtomicLoad, Flag, LoopPc));
  EXPECT_TRUE(machine.wouldFailTry(t[0]));
  run(t[1], OpKind::AtomicStore, Turn, 0x5000, true);
  EXPECT_FALSE(machine.wouldFailTry(t[0])) << "turn changed since";
}

TEST_F(AtomicTest, AnyOtherStepOrAChangeForgetsTheSpin) {
  auto t = spawn(1);
  run(t[0], OpKind::AtomicLoad, Flag, LoopPc, false);
  machine.post(t[0], {OpKind::Yield, 0, 0, 0, 0});
  machine.step(t[0]);
  machine.post(t[0], atomicOp(OpKind::AtomicLoad, Flag, LoopPc));
  EXPECT_TRUE(machine.wouldFailTry(t[0])) << "a yield keeps it";
  machine.post(t[0], {OpKind::MutexLock, 0, 0, 0x900, 0});
  machine.step(t[0]);
  machine.post(t[0], atomicOp(OpKind::AtomicLoad, Flag, LoopPc));
  EXPECT_FALSE(machine.wouldFailTry(t[0])) << "a lock does not";
  run(t[0], OpKind::AtomicLoad, Flag, LoopPc, false);
  run(t[0], OpKind::AtomicRmw, Turn, OtherPc, true);
  machine.post(t[0], atomicOp(OpKind::AtomicLoad, Flag, LoopPc));
  EXPECT_FALSE(machine.wouldFailTry(t[0])) << "nor its own change";
}

TEST_F(AtomicTest, ASpinNobodyCanEndIsADeadlockAfterSpinLimitTurns) {
  // Main spins on the flag; thread 1 waits for a mutex main holds.
  auto t = spawn(1);
  machine.post(0, {OpKind::MutexLock, 0, 0, 0x900, 0});
  machine.step(0);
  machine.post(t[0], {OpKind::MutexLock, 0, 0, 0x900, 0});
  ASSERT_FALSE(machine.enabled(t[0]));
  Scheduler scheduler(nullptr, 0, nullptr, 0);
  uint32_t turns = 0;
  for (;; ++turns) {
    machine.post(0, atomicOp(OpKind::AtomicLoad, Flag, LoopPc));
    Choice choice = scheduler.choose(machine, 0);
    if (choice.kind != ChoiceKind::Run)
      break;
    ASSERT_EQ(choice.thread, 0u);
    scheduler.willStep(machine, 0);
    machine.step(0);
    machine.completeAtomic(0, machine.pending(0), false);
    ASSERT_LT(turns, 2 * SpinLimit);
  }
  EXPECT_EQ(scheduler.choose(machine, 0).kind, ChoiceKind::Deadlock);
  EXPECT_GE(turns, SpinLimit);
  EXPECT_LE(turns, SpinLimit + 2);
}

TEST_F(AtomicTest, ASpinnerWaitsWhileAnotherThreadCanRun) {
  auto t = spawn(1);
  for (int i = 0; i < 3; ++i)
    run(0, OpKind::AtomicLoad, Flag, LoopPc, false);
  machine.post(0, atomicOp(OpKind::AtomicLoad, Flag, LoopPc));
  machine.post(t[0], atomicOp(OpKind::AtomicStore, Flag, OtherPc));
  EXPECT_FALSE(schedulable(machine, 0, DefaultRetryBound));
  EXPECT_EQ(defaultChoice(machine, 0), t[0]);
}

} // namespace
} // namespace tangle
