// The Machine: the state of threads and synchronisation objects, which pending
// operations are enabled, and what executing one does. This is the one place
// where the meaning of lock, unlock, create, join... is written; the runtime
// (live programs), scripted programs and the explorer's replay all use it.
#pragma once

#include "model/event.h"
#include "model/objects/atomic.h"
#include "model/objects/barrier.h"
#include "model/objects/condition.h"
#include "model/objects/file_lock.h"
#include "model/objects/ids.h"
#include "model/objects/futex.h"
#include "model/objects/lifetime.h"
#include "model/objects/message_queue.h"
#include "model/objects/mutex.h"
#include "model/objects/once.h"
#include "model/objects/pipe.h"
#include "model/objects/process.h"
#include "model/objects/rwlock.h"
#include "model/objects/semaphore.h"
#include "model/objects/thread.h"

#include <algorithm>
#include <array>
#include <memory_resource>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace tangle {

/// How an operation touches its object, for dependence (DPOR) and
/// happens-before. Two operations are dependent when they touch the same
/// object in conflicting ways; see dependent().
enum class AccessKind : uint8_t {
  None,         // touches nothing shared (thread start, detach)
  Acquire,      // takes a lock (or waits to); takes a semaphore unit
  Share,        // takes a read lock: commutes with other read locks
  Observe,      // looks at a lock without changing it (failed try/timed lock)
  OwnerRelease, // the owner releases a lock; a semaphore post
  Mutate,       // any other change (init, destroy, misuse)
  // A blind update of an atomic (objects/atomic.h): commutes with blind
  // updates of the same kind, conflicts with every other access.
  BlindAdd,
  BlindOr,
  BlindAnd,
  BlindXor,
  // A signal or broadcast that wakes nobody (objects/condition.h): it only
  // finds every waiter taken care of. Commutes with another one, conflicts
  // with every other access (a wait would have made it heard).
  Unheard,
  // A futex operation's part on the word's wait queue (objects/futex.h):
  // conflicts with the other futex operations on the word, not with the
  // atomics on it (the queue is not the word's value; a wait also reads
  // the value, as a second part).
  FutexQueue,
  ProcessExit, // ends every thread: conflicts with everything. Keep it
               // last: the explorer sizes a table by it.
};

/// An operation touches at most three objects: a condition wait or wake-up
/// also releases or takes its mutex (the second part); an operation at which
/// its thread would act on a cancellation request also reads the thread's
/// cancellation (the third part, cancelObject(t); objects/thread.h).
struct Access {
  AccessKind kind = AccessKind::None;
  ObjectAddr object = 0;
  AccessKind kind2 = AccessKind::None;
  ObjectAddr object2 = 0;
  AccessKind kind3 = AccessKind::None;
  ObjectAddr object3 = 0;
};

/// An access's three parts as (kind, object) pairs, to go over in a loop.
inline std::array<std::pair<AccessKind, ObjectAddr>, 3>
partsOf(const Access &a) {
  return {{{a.kind, a.object}, {a.kind2, a.object2}, {a.kind3, a.object3}}};
}

/// True when executing a then b may differ from b then a. Never true for two
/// operations of one thread: program order is not dependence.
bool dependent(const Access &a, const Access &b);
/// Dependence of one part of each.
bool partsDependent(AccessKind a, ObjectAddr objectA, AccessKind b,
                    ObjectAddr objectB);

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
  // Conditions.
  CondWaited,        // released the mutex and started waiting
  CondWaitUnlocked,  // waited without holding the mutex
  CondWaitRecursive, // waited on a recursive mutex held more than once
  CondTwoMutexes,    // waited with another mutex than earlier waits
  Woken,             // a wake-up re-acquired the mutex
  TimedOut,          // a timed wait or timed semaphore wait timed out
  SpuriousWake,      // woke without a signal (--spurious-wakeups)
  Signalled,         // a signal or broadcast woke someone
  SignalLost,        // a signal or broadcast with nobody waiting
  DestroyWaited,     // a condition, semaphore or barrier destroyed with
                     // threads waiting on it
  // Semaphores, barriers, rwlocks, once, yields.
  Decremented,
  Posted,
  Arrived,
  Left,
  SharedAcquired, // read lock
  OnceRun,        // this thread runs the once routine
  Yielded,
  // Processes and pipes.
  Forked,
  Reaped,      // a wait returned an exited child
  WaitedNone,  // a wait returned no child (ECHILD, or WNOHANG too early)
  Sent,        // bytes written into a pipe
  Received,    // bytes read from a pipe
  EndOfFile,   // a pipe read found every write end closed
  BrokenPipe,  // a pipe write found every read end closed: EPIPE
  Closed,      // a pipe end closed
  Execed,      // the process exec'd a program tangle does not control
  Killed,      // a kill ended a child process
  // Atomics.
  AtomicRead,    // an atomic load
  AtomicWritten, // an atomic store or read-modify-write
  // Futexes.
  FutexQueued,       // a FUTEX_WAIT found the value and started waiting
  FutexValueChanged, // a FUTEX_WAIT found another value: EAGAIN
  SharedReleased,    // a reader released its read lock
  // Object lifetimes (objects/lifetime.h).
  Uninitialized, // used before it was initialised: EINVAL
  UsedDestroyed, // used after it was destroyed: EINVAL
  Reinitialized, // a mutex initialised again while held or waited for
  // Cancellation.
  CancelRequested, // pthread_cancel marked a live thread
  Cancelled,       // the thread acted on its request: result CancelActed
};

const char *effectName(Effect effect);

struct Outcome {
  int32_t result = 0;
  Effect effect = Effect::None;
  Access access;
  /// Lifetime misuse found beside the operation's own effect
  /// (Uninitialized, UsedDestroyed; objects/lifetime.h): a semaphore used
  /// after sem_destroy still works as in glibc, and is reported.
  Effect misuse = Effect::None;
};

class Machine {
public:
  explicit Machine(
      std::pmr::memory_resource *memory = std::pmr::get_default_resource());

  /// The main thread exists from the start, running (no pending operation).
  ThreadId mainThread() const { return 0; }
  /// Thread numbers in use so far: every thread alive has one below. A
  /// number is reused once its thread is joined (objects/ids.h), so this
  /// follows the threads alive at once, not those ever created.
  size_t threadCount() const { return threads_.size(); }
  /// Room for n thread numbers, for a replay that knows how many its
  /// execution uses: no reallocation as they are created.
  void reserveThreads(size_t n) { threads_.reserve(n); }
  const ThreadState &thread(ThreadId t) const { return threads_[t]; }

  /// Thread t has reached its next visible operation.
  void post(ThreadId t, const Operation &op);
  bool hasPending(ThreadId t) const { return threads_[t].hasPending; }
  /// Steps executed so far: a thread that sees the same number twice made
  /// no visible operation in between, and neither did anyone else.
  uint64_t stepsTaken() const { return steps_; }
  const Operation &pending(ThreadId t) const { return threads_[t].pending; }

  /// Whether t's pending operation can execute now (a lock whose mutex is
  /// held by another thread cannot; a join whose thread still runs cannot).
  bool enabled(ThreadId t) const;
  /// How t's pending operation would touch its object if executed now.
  Access accessOf(ThreadId t) const;
  /// Whether the pending operations of threads a and b of different threads
  /// are dependent: executing them in either order may differ. The same
  /// as dependent() on their accesses, except for an operation that ends a
  /// process (exit, exec, kill): it conflicts with what others can observe
  /// of that process's end (processEndTouches) and with every operation of
  /// the threads it cuts off (it disables them), not with the rest. The
  /// scheduler's sleep sets use it.
  bool conflicts(ThreadId a, ThreadId b) const {
    return conflicts(a, accessOf(a), b, accessOf(b));
  }
  /// The same, with x = accessOf(a) and y = accessOf(b) already known: a
  /// caller that compares every pair of 1,000 pending threads computes
  /// each access once, not 2,000 times.
  bool conflicts(ThreadId a, const Access &x, ThreadId b,
                 const Access &y) const;
  /// For t's pending operation, which ends a process: that process, and
  /// every object its end changes for others, with how.
  ProcessId endedBy(ThreadId t) const;
  template <typename F> void processEndTouches(ProcessId ended, F &&f) const {
    f(processObject(ended), AccessKind::Mutate);
    f(childrenObject(ended), AccessKind::Mutate);
    if (ended < processes_.size() && processes_[ended].parent != NoProcess)
      f(childrenObject(processes_[ended].parent), AccessKind::OwnerRelease);
    for (const PipeState &p : pipes_.items)
      if (ended >= MaxPipeProcesses || p.readers[ended] || p.writers[ended])
        f(p.addr, AccessKind::Mutate);
    for (const FileLockState &l : fileLocks_.items)
      f(l.addr, AccessKind::Mutate);
  }
  /// Whether t's pending operation touches an object another process could
  /// see: a pipe, queue, file lock or process, memory shared between
  /// processes (untagged in a process other than the first), or, once the
  /// first process has children, anything untagged.
  bool seenByOtherProcesses(ThreadId t) const;
  /// Whether t's pending operation is a try or timed lock that would fail
  /// now (the mutex is held elsewhere): one more turn of a retry loop.
  bool wouldFailTry(ThreadId t) const;
  /// Whether t's pending operation begins one more turn of a loop that
  /// polls without sleeping, the turn before it having repeated the one
  /// before that with nothing changed (objects/thread.h, PollTurn): the
  /// scheduler lets the threads that could change something go first.
  bool pollsAgain(ThreadId t) const;
  /// Executes t's pending operation. Precondition: enabled(t).
  Outcome step(ThreadId t);

  /// t's atomic operation, the last step, ran for real; `changed` says
  /// whether it changed the value (see objects/atomic.h). A repeat of a
  /// spin counts as a failed try.
  void completeAtomic(ThreadId t, const Operation &op, bool changed);

  /// True once no thread of any process is live: every process exited.
  bool processEnded() const { return processEnded_; }
  ProcessId processOf(ThreadId t) const { return threads_[t].process; }
  size_t processCount() const { return processes_.size(); }
  const ProcessState &process(ProcessId p) const { return processes_[p]; }
  const PipeState *pipe(ObjectAddr key) const { return pipes_.find(key); }
  bool live(ThreadId t) const { return threads_[t].live(); }
  /// Whether t's process has exited under it: t is live (it never exited
  /// itself, and keeps its pending operation) but never runs again.
  bool cutOff(ThreadId t) const { return threads_[t].cutOff; }
  /// Live and not cut off: t may still run (or is blocked).
  bool running(ThreadId t) const {
    return threads_[t].live() && !threads_[t].cutOff;
  }

  /// The mutex at addr, or nullptr when the program never touched it.
  const MutexState *mutex(ObjectAddr addr) const;
  template <typename F> void forEachMutex(F &&f) const {
    for (const auto &m : mutexes_.items)
      f(m);
  }
  /// Every object with a lifetime (mutex, rwlock, condition, semaphore,
  /// barrier) at an address in [begin, end) that is not destroyed, with the
  /// operation that destroys one of its kind: freeing that memory ends
  /// them (ObjectFreed).
  template <typename F>
  void forEachLiveObjectIn(ObjectAddr begin, ObjectAddr end, F &&f) const {
    auto visit = [&](const auto &table, OpKind destroy) {
      for (const auto &o : table.items)
        if (o.addr >= begin && o.addr < end && !o.destroyed)
          f(destroy, o.addr);
    };
    visit(mutexes_, OpKind::MutexDestroy);
    visit(rwlocks_, OpKind::RwDestroy);
    visit(conditions_, OpKind::CondDestroy);
    visit(semaphores_, OpKind::SemDestroy);
    visit(barriers_, OpKind::BarrierDestroy);
  }
  const ConditionState *condition(ObjectAddr addr) const {
    return conditions_.find(addr);
  }
  const SemaphoreState *semaphore(ObjectAddr addr) const {
    return semaphores_.find(addr);
  }
  const BarrierState *barrier(ObjectAddr addr) const {
    return barriers_.find(addr);
  }
  const RwLockState *rwlock(ObjectAddr addr) const {
    return rwlocks_.find(addr);
  }
  const FileLockState *fileLock(ObjectAddr addr) const {
    return fileLocks_.find(addr);
  }
  const MessageQueueState *messageQueue(ObjectAddr key) const {
    return messageQueues_.find(key);
  }
  const FutexState *futex(ObjectAddr addr) const { return futexes_.find(addr); }
  /// The generation of the object at addr (objects/lifetime.h): 0 until the
  /// program's memory named one.
  uint32_t generation(ObjectAddr addr) const {
    const LifetimeState *l = lifetimes_.find(addr);
    return l ? l->generation : 0;
  }

  /// --spurious-wakeups: a condition waiter may wake without a signal.
  void setSpuriousWakeups(bool on) { spuriousWakeups_ = on; }

  /// The state as a canonical string: thread statuses and every object's
  /// state, independent of the order objects were first used in. Two
  /// executions that end in the same state give the same string.
  std::string canonical() const;

  /// Objects of one kind, by address, in order of first use. A program
  /// uses a handful of each kind, and the explorer replays every execution
  /// through a new Machine (twice): up to Small objects a scan of `items`
  /// finds one faster than hashing, and no index is built at all.
  template <typename State> struct Table {
    static constexpr size_t Small = 8;
    explicit Table(std::pmr::memory_resource *memory)
        : items(memory), index(memory) {}
    const State *find(ObjectAddr addr) const {
      if (index.empty()) {
        for (const State &s : items)
          if (s.addr == addr)
            return &s;
        return nullptr;
      }
      auto it = index.find(addr);
      return it == index.end() ? nullptr : &items[it->second];
    }
    State &get(ObjectAddr addr) {
      if (index.empty()) {
        for (State &s : items)
          if (s.addr == addr)
            return s;
        items.emplace_back();
        items.back().addr = addr;
        if (items.size() > Small)
          reindex();
        return items.back();
      }
      auto [it, inserted] = index.try_emplace(addr, items.size());
      if (inserted) {
        items.emplace_back();
        items.back().addr = addr;
      }
      return items[it->second];
    }
    /// Drops the objects `drop` says are gone (a reaped process's private
    /// ones), keeping the others in order.
    template <typename Pred> void eraseIf(Pred drop) {
      auto end = std::remove_if(items.begin(), items.end(), drop);
      if (end == items.end())
        return;
      items.erase(end, items.end());
      index.clear();
      if (items.size() > Small)
        reindex();
    }
    void reindex() {
      index.clear();
      for (uint32_t i = 0; i < items.size(); ++i)
        index[items[i].addr] = i;
    }
    std::pmr::vector<State> items;
    /// By address, once there are more than Small items; empty before.
    std::pmr::unordered_map<ObjectAddr, uint32_t> index;
  };

  /// Whether op, pending for t, is one more turn of a spin loop that
  /// nothing has changed (see SpinState). (Public for the runtime, which
  /// asks it of a load it has not posted: runtime/tsan_interface.cpp,
  /// FreeRun.)
  bool atomicRepeats(ThreadId t, const Operation &op) const;

private:
  /// accessOf without the part for t's cancellation.
  Access operationAccess(ThreadId t) const;
  MutexState &mutexFor(const Operation &op);
  MutexState &mutexAt(ObjectAddr addr);
  bool semaphoreHasWaiters(ObjectAddr addr, ThreadId except) const;
  /// Whether another thread than `except` is blocked locking mutex addr.
  bool mutexHasWaiters(ObjectAddr addr, ThreadId except) const;
  /// Whether op's object was destroyed (and not initialised since).
  bool objectDestroyed(const Operation &op) const;
  /// Whether op starts a new object at its address (objects/lifetime.h).
  bool renewed(const Operation &op) const;
  /// Drops the state of op's object: a new one lives there.
  void renewObject(const Operation &op);
  /// A destroy marked ObjectFreed: the object's memory was freed.
  Outcome endFreedObject(const Operation &op);
  void noteTry(ThreadId t, const Operation &op, const Outcome &outcome);
  void notePollTurn(ThreadId t, const Operation &op, const Outcome &outcome);
  /// Whether a Yield by t now ends a turn that repeats its last one (see
  /// PollTurn in objects/thread.h).
  bool pollRepeats(ThreadId t) const;
  /// Whether the turn ending at t's anchor repeats the one before it, or
  /// the two turns before it the two before those.
  bool anchoredRepeats(ThreadId t) const;
  Outcome fork(ThreadId t);
  Outcome exec(ThreadId t);
  Outcome kill(ThreadId t, const Operation &op);
  Outcome spawn(ThreadId t, const Operation &op);
  /// Whether process p holds an end of a pipe (a program it spawns or
  /// execs would take it over).
  bool holdsPipeEnd(ProcessId p) const;
  Outcome exitProcess(ThreadId t, const Operation &op);
  /// pthread_cancel, pthread_setcancelstate/type, pthread_testcancel, and
  /// any operation at which t acts on its cancellation request.
  Outcome cancelStep(ThreadId t, const Operation &op);
  /// A number for a process forked or spawned by t: one t may reuse, else
  /// a new one; NoProcess when all MaxProcesses are taken.
  ProcessId newProcess(ThreadId t);
  /// Whether an object still names t (it holds a lock, waits at a condition
  /// or barrier, runs a once routine): then its number is never reused.
  bool referenced(ThreadId t) const;
  /// Thread t was joined by `heir`: its number, and those it was free to
  /// reuse, become heir's to reuse (objects/ids.h).
  void retireThread(ThreadId t, ThreadId heir);
  /// Process p was reaped by `heir`: likewise for its number and threads.
  void retireProcess(ProcessId p, ThreadId heir);
  /// Process p's number is reused: the objects in the old process's
  /// private memory are gone with it.
  void forgetObjectsOf(ProcessId p);
  void endProcess(ProcessId p, int32_t status);
  /// Every live thread of process p stops where it is (exit, exec).
  void cutOffProcess(ProcessId p);
  /// Whether a thread of process p (of any process: NoProcess) may still
  /// run or is blocked, neither exited nor cut off.
  bool anyRunning(ProcessId p = NoProcess) const;

  ThreadTable threads_;
  Table<MutexState> mutexes_;
  Table<ConditionState> conditions_;
  Table<SemaphoreState> semaphores_;
  Table<BarrierState> barriers_;
  Table<RwLockState> rwlocks_;
  Table<OnceState> onces_;
  Table<PipeState> pipes_;
  ProcessTable processes_;
  Table<FileLockState> fileLocks_;
  Table<MessageQueueState> messageQueues_;
  Table<AtomicState> atomics_;
  IdPool freeThreads_;
  IdPool freeProcesses_;
  Table<FutexState> futexes_;
  Table<LifetimeState> lifetimes_;
  /// The last step and its thread, and the last step of any other thread:
  /// whether someone but t ran since a given step (a poll's repeat).
  struct LastStep {
    ThreadId thread = NoThread;
    uint64_t step = 0;
  };
  LastStep last_, lastOfOther_;
  uint64_t steps_ = 0;
  bool otherRanSince(ThreadId t, uint64_t step) const {
    const LastStep &other = last_.thread != t ? last_ : lastOfOther_;
    return other.thread != NoThread && other.step >= step;
  }
  bool processEnded_ = false;
  bool spuriousWakeups_ = false;
};

} // namespace tangle
