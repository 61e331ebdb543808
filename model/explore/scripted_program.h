// A scripted program: each thread is a list of operations, interpreted by the
// Machine under the shared Scheduler. For unit tests of the semantics and
// the explorer, and for benchmarks against a naive search.
#pragma once

#include "model/explore/program.h"

#include <unordered_map>
#include <map>
#include <vector>

namespace tangle {

/// One atomic instruction of a script with values (Script::atomics).
struct AtomicInstruction {
  enum Kind : uint8_t { Load, Store, Update, Exchange };
  Kind kind = Load;
  AtomicUpdate update = AtomicUpdate::None; // for Update
  uint64_t operand = 0; // the value stored, exchanged or combined
  /// A loop's exit: the thread ends (its script's remaining operations are
  /// skipped) when this instruction reads 0, as lastzero's reader stops at
  /// the first zero it finds.
  bool endsThreadOnZero = false;
  /// A spin loop's load, `while (load(&x) < n) {}`: while it reads less
  /// than this, the thread makes it again (0: no loop).
  uint32_t spinWhileBelow = 0;
};

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
///
/// Atomics: a script without `atomics` says in each atomic operation's
/// flags whether it changes the value (AtomicChanged). With `atomics`, an
/// atomic operation's `arg` is the index of its instruction there (and its
/// address, for spin loops), and the program keeps the values: the event
/// records the value read (Operation::reserved) and whether it changed
/// it, as the runtime does (a blind update by its operand alone).
///
/// Cancellation: a thread whose operation returns CancelActed runs the
/// operations cleanup[its script] (its cleanup handlers) and exits, as the
/// runtime's pthread_exit(PTHREAD_CANCELED) does.
struct Script {
  std::vector<std::vector<Operation>> threads;
  std::vector<AtomicInstruction> atomics;
  std::map<size_t, std::vector<Operation>> cleanup;
};

/// What atomic instruction `i` does to `value` (32 bits wide): the value
/// after it.
uint32_t applyAtomic(const AtomicInstruction &i, uint32_t value);

class Machine;

class ScriptedProgram : public Program {
public:
  explicit ScriptedProgram(Script script) : script_(std::move(script)) {}
  Execution run(const ExecutionRequest &request) override;

private:
  /// Runs atomic `op` on `values` (Script::atomics), recording in it the
  /// value read and whether it changed the value.
  void runAtomic(Operation &op,
                 std::unordered_map<ObjectAddr, uint32_t> &values) const;

  /// With values, a FUTEX_WAIT that t is about to run compares the word
  /// with the value it expects, as the runtime does just before the step
  /// (prepareFutexStep): another value makes it FutexValueChanged.
  void compareFutexWord(Machine &machine, ThreadId t,
                        std::unordered_map<ObjectAddr, uint32_t> &values) const;

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
Operation detach(uint64_t t);
Operation cancel(uint64_t t);
Operation testCancel();
Operation sleepPoint(); // a sleep: a cancellation point
/// pthread_setcancelstate (state = true) or pthread_setcanceltype.
Operation setCancel(bool state, bool on);
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
/// FUTEX_WAIT(_BITSET) is two operations: list both, in this order. The
/// wait expects the word to hold 0; without values it finds that it does
/// (futexWaitChanged is one that does not), with values (Script::atomics)
/// it compares.
Operation futexWait(ObjectAddr f, bool timed = false,
                    uint32_t bitset = 0xffffffff);
Operation futexResume(ObjectAddr f, bool timed = false);
Operation futexWaitChanged(ObjectAddr f);
Operation futexWake(ObjectAddr f, uint32_t count, uint32_t bitset = 0xffffffff);
/// Atomic instructions with values (Script::atomics), 4 bytes wide.
Operation atomicLoad(Script &s, ObjectAddr a);
/// `while (load(&a) < below) {}`, a load made again while it reads less;
/// `pure` marks it AtomicSpinTurn, as tangle marks the loads of a loop that
/// only loads and compares.
Operation atomicSpin(Script &s, ObjectAddr a, uint32_t below, bool pure);
Operation atomicStore(Script &s, ObjectAddr a, uint64_t value);
Operation atomicExchange(Script &s, ObjectAddr a, uint64_t value);
/// fetch_add and the like; `blind` when the result is discarded.
Operation atomicUpdate(Script &s, ObjectAddr a, AtomicUpdate update,
                       uint64_t operand, bool blind);

/// Main runs `before`, then creates one thread per script in `workers`
/// (threads 1..n) and joins them in order.
Script withMain(std::vector<std::vector<Operation>> workers,
                std::vector<Operation> before = {});
/// Main creates n threads and joins them; thread i locks mutex 100+i.
Script ownLocks(int n);
/// Main creates n threads that each lock and unlock one shared mutex k times.
Script sharedLock(int n, int k);
/// n philosophers, `rounds` meals each; ordered = lower fork first.
Script philosophers(int n, int rounds, bool ordered);
} // namespace scripts

} // namespace tangle
