// A scripted program: each thread is a list of operations, interpreted by the
// Machine under the shared Scheduler. For unit tests of the semantics and
// the explorer, and for benchmarks against a naive search.
#pragma once

#include "model/explore/program.h"

#include <vector>

namespace tangle {

/// threads[0] is the main thread. A ThreadCreate operation's `arg` is the
/// index of the script the new thread runs; ThreadJoin's `object` names the
/// thread to join: its place in creation order (main is 0, the first
/// thread created or forked is 1, ...), or a handle (see scripts::handle).
/// A ProcessFork's `arg` is likewise the script of the child process's
/// first thread; waits and kills name the child by its place in fork order
/// (the first process is 0) or by a handle. The Machine's numbers may differ
/// from these places, since it reuses the numbers of joined threads and
/// reaped processes: the script's names are translated as each operation
/// is posted. Every thread ends with an implicit ThreadExit; main and the
/// first thread of a forked process with a ProcessExit (status 0).
struct Script {
  std::vector<std::vector<Operation>> threads;
};

class ScriptedProgram : public Program {
public:
  explicit ScriptedProgram(Script script) : script_(std::move(script)) {}
  Execution run(const ExecutionRequest &request) override;

private:
  Script script_;
};

namespace scripts {
Operation lock(ObjectAddr m);
Operation unlock(ObjectAddr m);
Operation tryLock(ObjectAddr m);
/// A name a script gives the thread or process it creates, forks, and
/// later joins, waits for or kills: unlike places in creation order, it
/// does not depend on what other threads create meanwhile.
constexpr uint64_t HandleBit = uint64_t(1) << 40;
constexpr uint64_t handle(uint32_t name) { return HandleBit | name; }
Operation create(size_t scriptIndex, uint64_t name = 0);
Operation join(uint64_t t);
/// A condition wait is two operations: the wait and the wake-up that
/// re-acquires the mutex; list both, in this order.
Operation condWait(ObjectAddr c, ObjectAddr m, bool timed = false);
Operation condWake(ObjectAddr c, ObjectAddr m);
Operation condSignal(ObjectAddr c);
Operation condBroadcast(ObjectAddr c);
Operation semInit(ObjectAddr s, uint64_t value);
Operation semWait(ObjectAddr s);
Operation semTryWait(ObjectAddr s);
Operation semPost(ObjectAddr s);
Operation barrierInit(ObjectAddr b, uint32_t count);
Operation barrierWait(ObjectAddr b); // then barrierLeave
Operation barrierLeave(ObjectAddr b);
Operation rdLock(ObjectAddr rw);
Operation wrLock(ObjectAddr rw);
Operation rwUnlock(ObjectAddr rw);
/// The child runs script `scriptIndex`.
Operation fork(size_t scriptIndex, uint64_t name = 0);
Operation waitFor(uint64_t process, uint16_t flags = 0);
Operation kill(ProcessId process, int signal);
Operation pipeCreate(ObjectAddr p);
Operation pipeRead(ObjectAddr p, uint64_t bytes);
Operation pipeWrite(ObjectAddr p, uint64_t bytes);
Operation pipeClose(ObjectAddr p, uint64_t end);
/// mq_open of queue q (by a process that may send and receive).
Operation mqOpen(ObjectAddr q, uint16_t flags, uint32_t capacity);
Operation mqSend(ObjectAddr q, uint32_t priority, uint16_t flags = 0);
Operation mqReceive(ObjectAddr q, uint16_t flags = 0);

/// Main creates n threads and joins them; thread i locks mutex 100+i.
Script ownLocks(int n);
/// Main creates n threads that each lock and unlock one shared mutex k times.
Script sharedLock(int n, int k);
/// n philosophers, `rounds` meals each; ordered = lower fork first.
Script philosophers(int n, int rounds, bool ordered);
} // namespace scripts

} // namespace tangle
