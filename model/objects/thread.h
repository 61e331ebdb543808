// A thread's life: created (its first pending operation is ThreadStart),
// running, exited; joined or detached. Joining waits for the exit. A joined
// thread's number may be given to a later thread (objects/ids.h).
#pragma once

#include "model/event.h"
#include "model/objects/atomic.h"

#include <memory_resource>
#include <vector>

namespace tangle {

struct Outcome;

enum class ThreadStatus : uint8_t { Created, Running, Exited };

/// A polling loop (`for (;;) { lock; look; unlock; if (done) break;
/// sleep(); }`) goes round forever under a scheduler that keeps choosing the
/// poller. A turn is what a thread does from one sleep or yield to the
/// next; a turn that only looks (locks it gives back, reads, failed tries,
/// atomics that change nothing) and does exactly what the turn before it
/// did, with the same results, is one more turn of a poll: it counts as a
/// failed try (see schedulable() in explore/scheduler.h).
/// (And no other thread ran since the last turn began: the poller may look
/// at plain memory, which only a thread that runs can change.)
///
/// A loop that polls without sleeping (`for (;;) { lock; n = alive;
/// unlock; if (n == 2) break; }`) has no yield to end a turn: there a turn
/// ends where the thread is about to repeat the first step of the turn
/// (same operation, object and argument: the *anchor*), and a repeat counts
/// as a failed try like a sleep's (Machine::pollsAgain); so do two turns
/// that repeat the two before them (a loop that takes the anchor's lock
/// twice a round). Without a sleep the same steps are also what a loop over
/// a table under a lock does, so these turns must also have read the same
/// locations and values and changed no memory (SameMemory on each step,
/// model/event.h: only where the runtime sees the program's accesses).
/// Such a poll is never taken for a hang when nobody else can run
/// (explore/scheduler.cpp, idleTurns).
struct PollTurn {
  uint64_t hash = 0;          // of the steps of the current turn
  uint64_t previous = ~0ull;  // of the last turn, ~0 before the first
  uint64_t began = 0;         // Machine step count when the turn began
  uint64_t previousBegan = 0; // ...and when the last one did
  uint64_t earlier[2] = {~0ull, ~0ull}; // of the two turns before the last
  uint64_t earlierBegan[2] = {0, 0};
  bool earlierQuiet[2] = {false, false};
  bool previousQuiet = false;
  uint64_t anchorObject = 0; // the turn's first step (when anchored)
  uint64_t anchorArg = 0;
  OpKind anchorKind = OpKind::ThreadStart;
  bool anchored = false;  // a step since the last yield or change
  bool looksOnly = true;  // the current turn changed nothing
  bool quiet = true;      // ...and its plain memory showed nothing new
  bool sawAtomic = false; // left to the spin recognition
  uint32_t repeats = 0;   // turns in a row that repeated the last
};

struct ThreadState {
  ThreadStatus status = ThreadStatus::Created;
  bool hasPending = false;
  bool joined = false;
  bool detached = false;
  bool cutOff = false; // its process exited: it stays where it was, for good
  uint32_t failedTries = 0;  // try/timed locks that found the mutex held,
                             // timeouts, repeated polls and spins
  PollTurn turn;             // its steps since its last Yield (or anchor)
  SpinState spin;            // its last atomic operations, if they changed
                             // nothing
  uint32_t spinRepeats = 0;  // atomics in a row that read what they read
                             // last time (see objects/atomic.h), or
                             // failed tries in a row
  ThreadId parent = NoThread;
  ProcessId process = 0;
  Operation pending;
  // Cancellation (pthread_cancel): a request waits for the thread's next
  // cancellation point (deferred) or next operation (asynchronous) while
  // cancellation is enabled; once acted on, the thread is exiting and
  // takes no further request.
  bool cancelRequested = false;
  bool cancelDisabled = false; // PTHREAD_CANCEL_DISABLE
  bool cancelAsync = false;    // PTHREAD_CANCEL_ASYNCHRONOUS
  bool cancelling = false;     // acted on: unwinding to its exit

  bool live() const { return status != ThreadStatus::Exited; }
};

using ThreadTable = std::pmr::vector<ThreadState>;

bool isThreadOp(OpKind kind);
bool isCancelOp(OpKind kind);
/// Whether op is one of the cancellation points tangle models: condition
/// waits (the wake-up), join, semaphore waits, sleeps, pipe reads and
/// writes, message-queue sends and receives, waits for a child, blocking
/// file locks, pthread_testcancel.
bool isCancellationPoint(const Operation &op);
/// Whether thread t, about to perform op, would act on its cancellation
/// request there (a CancelSet: with the setting op makes).
bool cancelActsAt(const ThreadState &t, const Operation &op);
/// Whether whether t acts on a request at op depends on the request: then
/// op reads cancelObject(t) and a pthread_cancel of t conflicts with it.
bool cancelSensitive(const ThreadState &t, const Operation &op);
/// Whether t can execute op (a thread operation) now.
bool threadEnabled(const ThreadTable &threads, ThreadId t, const Operation &op);
/// Executes op by t, but ThreadCreate (the Machine picks the number, see
/// objects/ids.h). Precondition: threadEnabled.
Outcome threadStep(ThreadTable &threads, ThreadId t, const Operation &op);
/// A new thread of `process`, created by `parent`, its first operation a
/// ThreadStart: number `reuse` when it is not IdPool::None, else a new one.
ThreadId newThread(ThreadTable &threads, ThreadId parent, ProcessId process,
                   ThreadId reuse);

} // namespace tangle
