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

struct ThreadState {
  ThreadStatus status = ThreadStatus::Created;
  bool hasPending = false;
  bool joined = false;
  bool detached = false;
  bool cutOff = false; // its process exited: it stays where it was, for good
  uint32_t failedTries = 0;  // try/timed locks that found the mutex held,
                             // timeouts, repeated yields
  bool lastWasYield = false; // its previous step was a Yield
  SpinState spin;            // its last atomic operations, if they changed
                             // nothing
  uint32_t spinRepeats = 0;  // atomics in a row that read what they read
                             // last time (see objects/atomic.h)
  ThreadId parent = NoThread;
  ProcessId process = 0;
  Operation pending;

  bool live() const { return status != ThreadStatus::Exited; }
};

using ThreadTable = std::pmr::vector<ThreadState>;

bool isThreadOp(OpKind kind);
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
