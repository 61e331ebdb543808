// The Machine's semantics for processes and pipes: fork, wait, exit, the
// ends of a pipe held by each process.
#include "model/machine.h"

#include <cerrno>
#include <gtest/gtest.h>

namespace tangle {
namespace {

class ProcessTest : public ::testing::Test {
protected:
  /// Thread t forks; returns the child's first thread, started.
  ThreadId fork(ThreadId t) {
    Outcome o = step(t, {OpKind::ProcessFork, 0, 0, 0, 0});
    EXPECT_EQ(o.effect, Effect::Forked);
    auto child = static_cast<ThreadId>(o.result);
    EXPECT_TRUE(machine.enabled(child)); // its ThreadStart
    machine.step(child);
    return child;
  }
  Outcome step(ThreadId t, Operation op) {
    machine.post(t, op);
    EXPECT_TRUE(machine.enabled(t)) << opKindName(op.kind);
    return machine.step(t);
  }
  Operation waitFor(uint64_t target, uint16_t flags = 0) {
    return {OpKind::ProcessWait, flags, 0, target, 0};
  }
  Operation exitOp(int status) {
    return {OpKind::ProcessExit, 0, 0, 0, uint64_t(status)};
  }
  Operation pipeOp(OpKind kind, uint64_t arg = 0) {
    return {kind, 0, 0, Pipe, arg};
  }
  static constexpr ObjectAddr Pipe = 0x1000;
  Machine machine;
};

TEST_F(ProcessTest, ForkMakesAProcessWithOneThread) {
  ThreadId child = fork(0);
  EXPECT_EQ(machine.processCount(), 2u);
  EXPECT_EQ(machine.processOf(0), 0u);
  EXPECT_EQ(machine.processOf(child), 1u);
  EXPECT_EQ(machine.process(1).parent, 0u);
  EXPECT_EQ(machine.process(1).creator, 0u);
  // A thread the child creates belongs to the child.
  Outcome created = step(child, {OpKind::ThreadCreate, 0, 0, 0, 0});
  EXPECT_EQ(machine.processOf(ThreadId(created.result)), 1u);
}

TEST_F(ProcessTest, WaitBlocksUntilTheChildExitsAndReapsIt) {
  ThreadId child = fork(0);
  machine.post(0, waitFor(1));
  EXPECT_FALSE(machine.enabled(0));
  step(child, exitOp(3));
  EXPECT_FALSE(machine.processEnded()); // the parent still runs
  EXPECT_EQ(machine.process(1).status, ProcessStatus::Exited);
  ASSERT_TRUE(machine.enabled(0));
  Outcome reaped = machine.step(0);
  EXPECT_EQ(reaped.result, 1);
  EXPECT_EQ(reaped.effect, Effect::Reaped);
  EXPECT_EQ(machine.process(1).exitStatus, 3);
  EXPECT_TRUE(machine.process(1).waited);
  // Nothing left to wait for: ECHILD at once.
  EXPECT_EQ(step(0, waitFor(AnyProcess)).result, WaitNoChild);
}

TEST_F(ProcessTest, WaitNoHangAndWaitForAny) {
  ThreadId a = fork(0);
  ThreadId b = fork(0);
  EXPECT_EQ(step(0, waitFor(AnyProcess, WaitNoHang)).result, WaitNothingYet);
  step(b, exitOp(0));
  EXPECT_EQ(step(0, waitFor(AnyProcess)).result, 2);
  machine.post(0, waitFor(AnyProcess));
  EXPECT_FALSE(machine.enabled(0)); // process 1 still runs
  step(a, exitOp(0));
  EXPECT_TRUE(machine.enabled(0));
}

TEST_F(ProcessTest, OnlyTheParentWaitsForAChild) {
  ThreadId child = fork(0);
  ThreadId grandchild = fork(child);
  step(grandchild, exitOp(0));
  // Process 2 is process 1's child, not the first process's.
  EXPECT_EQ(step(0, {OpKind::ProcessWait, WaitNoHang, 0, 2, 0}).result,
            WaitNoChild);
  EXPECT_EQ(step(child, waitFor(AnyProcess)).result, 2);
}

TEST_F(ProcessTest, ExitStopsOnlyItsOwnProcess) {
  ThreadId child = fork(0);
  Outcome created = step(child, {OpKind::ThreadCreate, 0, 0, 0, 0});
  auto worker = ThreadId(created.result);
  step(child, exitOp(0));
  // The child's worker is cut off where it was (ThreadStart pending); the
  // parent runs on.
  EXPECT_TRUE(machine.cutOff(worker));
  EXPECT_TRUE(machine.live(worker));
  EXPECT_FALSE(machine.enabled(worker));
  EXPECT_FALSE(machine.cutOff(0));
  EXPECT_FALSE(machine.processEnded());
  step(0, exitOp(0));
  EXPECT_TRUE(machine.processEnded());
}

TEST_F(ProcessTest, ZombieAndOrphanAreRecorded) {
  ThreadId zombie = fork(0);
  ThreadId orphan = fork(0);
  step(zombie, exitOp(0));
  step(0, exitOp(0)); // never waited for process 1; process 2 still runs
  EXPECT_TRUE(machine.process(1).zombieAtParentExit);
  EXPECT_FALSE(machine.process(1).waited);
  EXPECT_TRUE(machine.process(2).orphaned);
  EXPECT_FALSE(machine.processEnded());
  step(orphan, exitOp(0));
  EXPECT_TRUE(machine.processEnded());
}

TEST_F(ProcessTest, VforkParentWaitsForExecOrExitAndReapsNothing) {
  // vfork: the parent goes on once the child has exec'd or exited; the
  // child stays for the program's own wait.
  ThreadId child = fork(0);
  machine.post(0, waitFor(1, WaitKeep | WaitVfork));
  EXPECT_FALSE(machine.enabled(0));
  step(child, exitOp(0));
  ASSERT_TRUE(machine.enabled(0));
  EXPECT_EQ(machine.step(0).result, 1);
  EXPECT_EQ(machine.process(1).status, ProcessStatus::Exited);
  EXPECT_FALSE(machine.process(1).waited);
  step(0, exitOp(0)); // a zombie, never an orphan
  EXPECT_TRUE(machine.process(1).zombieAtParentExit);
  EXPECT_FALSE(machine.process(1).orphaned);
}

TEST_F(ProcessTest, VforkParentGoesOnOnceTheChildExecs) {
  ThreadId child = fork(0);
  machine.post(0, waitFor(1, WaitKeep | WaitVfork));
  EXPECT_FALSE(machine.enabled(0));
  step(child, {OpKind::ProcessExec, 0, 0, 0, 0});
  EXPECT_TRUE(machine.enabled(0));
}

TEST_F(ProcessTest, PipeReadWaitsForDataOrEveryWriteEndClosed) {
  step(0, pipeOp(OpKind::PipeCreate));
  ThreadId child = fork(0); // the child holds both ends too
  machine.post(0, pipeOp(OpKind::PipeRead, 16));
  EXPECT_FALSE(machine.enabled(0));
  EXPECT_EQ(step(child, pipeOp(OpKind::PipeWrite, 5)).result, 5);
  ASSERT_TRUE(machine.enabled(0));
  EXPECT_EQ(machine.step(0).result, 5);
  // Empty again; the child closes its write end, the parent still has one.
  step(child, pipeOp(OpKind::PipeClose, PipeWriteEnd));
  machine.post(0, pipeOp(OpKind::PipeRead, 16));
  EXPECT_FALSE(machine.enabled(0)); // its own write end keeps it open
  EXPECT_EQ(machine.pipe(Pipe)->writers[0], 1);
  machine.post(0, pipeOp(OpKind::PipeClose, PipeWriteEnd));
  machine.step(0);
  Outcome eof = step(0, pipeOp(OpKind::PipeRead, 16));
  EXPECT_EQ(eof.result, 0);
  EXPECT_EQ(eof.effect, Effect::EndOfFile);
}

TEST_F(ProcessTest, ExitClosesEndsAndAWriteWithoutReadersFails) {
  step(0, pipeOp(OpKind::PipeCreate));
  ThreadId child = fork(0);
  step(0, pipeOp(OpKind::PipeClose, PipeReadEnd));
  step(child, exitOp(0)); // its read end goes with it
  Outcome broken = step(0, pipeOp(OpKind::PipeWrite, 4));
  EXPECT_EQ(broken.result, -EPIPE);
  EXPECT_EQ(broken.effect, Effect::BrokenPipe);
}

TEST_F(ProcessTest, AFullPipeBlocksItsWriter) {
  step(0, pipeOp(OpKind::PipeCreate));
  ThreadId child = fork(0);
  step(0, pipeOp(OpKind::PipeWrite, PipeCapacity));
  machine.post(0, pipeOp(OpKind::PipeWrite, 1));
  EXPECT_FALSE(machine.enabled(0));
  step(child, pipeOp(OpKind::PipeRead, 100));
  EXPECT_TRUE(machine.enabled(0));
}

TEST_F(ProcessTest, ForksAndWaitsOfOneProcessConflict) {
  fork(0);
  machine.post(0, waitFor(AnyProcess, WaitNoHang));
  Access wait = machine.accessOf(0);
  EXPECT_EQ(wait.object, processObject(0));
  EXPECT_TRUE(dependent(wait, {AccessKind::Mutate, processObject(0)}));
  EXPECT_FALSE(dependent(wait, {AccessKind::Mutate, processObject(1)}));
}

TEST_F(ProcessTest, KillCutsTheChildOffAndLeavesAZombieUntilWaited) {
  ThreadId child = fork(0);
  machine.post(child, pipeOp(OpKind::PipeRead, 1)); // it will never run
  Outcome killed = step(0, {OpKind::ProcessKill, 0, 0, 1, 15});
  EXPECT_EQ(killed.result, 0);
  EXPECT_EQ(killed.effect, Effect::Killed);
  EXPECT_EQ(killed.access.kind, AccessKind::ProcessExit); // like an exit
  EXPECT_TRUE(machine.cutOff(child));
  EXPECT_EQ(machine.process(1).status, ProcessStatus::Exited);
  EXPECT_EQ(machine.process(1).killedBy, 15);
  // A zombie: killing it again does nothing; the wait reaps it.
  EXPECT_EQ(step(0, {OpKind::ProcessKill, 0, 0, 1, 9}).result, KillNoEffect);
  EXPECT_EQ(step(0, waitFor(1)).result, 1);
  EXPECT_EQ(step(0, {OpKind::ProcessKill, 0, 0, 1, 9}).result, -ESRCH);
}

TEST_F(ProcessTest, ASpawnedProgramIsAChildThatMayEndAtAnyTime) {
  Outcome spawned = step(0, {OpKind::ProcessSpawn, 0, 0, 0, 0});
  EXPECT_EQ(spawned.result, 1);
  EXPECT_TRUE(machine.process(1).execed);
  EXPECT_EQ(machine.threadCount(), 1u); // no thread of its own
  // WNOWAIT returns it and leaves it; a plain wait reaps it.
  EXPECT_EQ(step(0, waitFor(1, WaitKeep)).result, 1);
  EXPECT_EQ(machine.process(1).status, ProcessStatus::Running);
  EXPECT_EQ(step(0, waitFor(AnyProcess)).result, 1);
  EXPECT_EQ(step(0, waitFor(AnyProcess)).result, WaitNoChild);
  // system(): a scheduling point, no process.
  EXPECT_EQ(step(0, {OpKind::ProcessSpawn, SpawnReaped, 0, 0, 0}).result, -1);
  EXPECT_EQ(machine.processCount(), 2u);
}

TEST_F(ProcessTest, ASpawnTakesOverInheritedPipesOnly) {
  step(0, pipeOp(OpKind::PipeCreate));
  step(0, {OpKind::ProcessSpawn, 0, 0, 0, 0}); // ends close-on-exec
  EXPECT_FALSE(machine.pipe(Pipe)->external);
  machine.post(0, {OpKind::ProcessSpawn, SpawnKeepsPipes, 0, 0, 0});
  EXPECT_EQ(machine.accessOf(0).kind, AccessKind::ProcessExit);
  machine.step(0);
  EXPECT_TRUE(machine.pipe(Pipe)->external);
}

} // namespace
} // namespace tangle
