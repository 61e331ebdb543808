// The Machine: the state of threads and synchronisation objects, which pending
// operations are enabled, and what executing one does. This is the one place
// where the meaning of lock, unlock, create, join... is written; the runtime
// (live programs), scripted programs and the explorer's replay all use it.
#pragma once

#include "model/event.h"
#include "model/objects/mutex.h"
#include "model/objects/thread.h"

#include <memory_resource>
#include <unordered_map>
#include <vector>

namespace tangle {

/// How an operation touches its object, for dependence (DPOR) and
/// happens-before. Two operations are dependent when they touch the same
/// object in conflicting ways; see dependent().
enum class AccessKind : uint8_t {
  None,         // touches nothing shared (thread start, detach)
  Acquire,      // takes a lock (or waits to)
  Observe,      // looks at a lock without changing it (failed try/timed lock)
  OwnerRelease, // the owner releases a lock
  Mutate,       // any other change (init, destroy, misuse)
  ProcessExit,  // ends every thread: conflicts with everything
};

struct Access {
  AccessKind kind = AccessKind::None;
  ObjectAddr object = 0;
};

/// True when executing a then b may differ from b then a. Never true for two
/// operations of one thread: program order is not dependence.
bool dependent(const Access &a, const Access &b);

/// What executing an operation did, beyond its return value. The detectors
/// turn the misuse effects into findings.
enum class Effect : uint8_t {
  None,
  Acquired,
  Reacquired, // recursive mutex, count + 1
  Released,
  ReleasedOne,         // recursive mutex, count - 1, still held
  TryFailed,           // trylock/timedlock found the mutex held
  RelockErrorCheck,    // non-recursive mutex relocked by its owner and the
                       // call returned (errorcheck EDEADLK, timed ETIMEDOUT)
  UnlockNotOwner,      // released by a thread that does not hold it
  UnlockUnlocked,      // released while free
  RecursiveUnbalanced, // recursive mutex released more often than acquired
  DestroyLocked,       // destroyed while held: EBUSY
  Created,
  Joined,
  JoinSelf,    // EDEADLK
  JoinInvalid, // detached or already joined: EINVAL
  Detached,
  Started,
  Exited,
  ProcessEnded,
};

const char *effectName(Effect effect);

struct Outcome {
  int32_t result = 0;
  Effect effect = Effect::None;
  Access access;
};

class Machine {
public:
  explicit Machine(
      std::pmr::memory_resource *memory = std::pmr::get_default_resource());

  /// The main thread exists from the start, running (no pending operation).
  ThreadId mainThread() const { return 0; }
  size_t threadCount() const { return threads_.size(); }
  const ThreadState &thread(ThreadId t) const { return threads_[t]; }

  /// Thread t has reached its next visible operation.
  void post(ThreadId t, const Operation &op);
  bool hasPending(ThreadId t) const { return threads_[t].hasPending; }
  const Operation &pending(ThreadId t) const { return threads_[t].pending; }

  /// Whether t's pending operation can execute now (a lock whose mutex is
  /// held by another thread cannot; a join whose thread still runs cannot).
  bool enabled(ThreadId t) const;
  /// How t's pending operation would touch its object if executed now.
  Access accessOf(ThreadId t) const;
  /// Whether t's pending operation is a try or timed lock that would fail
  /// now (the mutex is held elsewhere): one more turn of a retry loop.
  bool wouldFailTry(ThreadId t) const;
  /// Executes t's pending operation. Precondition: enabled(t).
  Outcome step(ThreadId t);

  /// True once a ProcessExit executed, or every thread exited.
  bool processEnded() const { return processEnded_; }
  bool live(ThreadId t) const { return threads_[t].live(); }

  /// The mutex at addr, or nullptr when the program never touched it.
  const MutexState *mutex(ObjectAddr addr) const;
  template <typename F> void forEachMutex(F &&f) const {
    for (const auto &m : mutexes_)
      f(m);
  }

private:
  MutexState &mutexFor(const Operation &op);

  ThreadTable threads_;
  std::pmr::vector<MutexState> mutexes_; // in order of first use
  std::pmr::unordered_map<ObjectAddr, uint32_t> mutexIndex_;
  bool processEnded_ = false;
};

} // namespace tangle
