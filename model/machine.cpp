// The Machine dispatches each operation to its object kind (objects/) and
// keeps what is common to all: pending operations and the end of the process.
#include "model/machine.h"

#include <algorithm>
#include <cassert>
#include <cerrno>

namespace tangle {

/// Dependence of one part of each access (see dependent()).
bool partsDependent(AccessKind a, ObjectAddr objectA, AccessKind b,
                    ObjectAddr objectB) {
  if (a == AccessKind::None || b == AccessKind::None || objectA != objectB)
    return false;
  // Two blind updates of one kind commute (objects/atomic.h); of two
  // kinds they do not (x + 1 | 2 is not x | 2 + 1).
  if (isBlindUpdate(a) && isBlindUpdate(b))
    return a != b;
  // Two signals that wake nobody leave the condition as it was, whichever
  // is first: neither makes the other heard.
  if (a == AccessKind::Unheard && b == AccessKind::Unheard)
    return false;
  // A futex's wait queue is not the value of the word it is keyed by:
  // waking or queueing changes nothing an atomic on the word reads or
  // writes (the wait's reading of the value is a part of its own).
  if (a == AccessKind::FutexQueue || b == AccessKind::FutexQueue)
    return a == b;
  if (a == AccessKind::Mutate || b == AccessKind::Mutate)
    return true;
  auto pair = [&](AccessKind x, AccessKind y) {
    return (a == x && b == y) || (a == y && b == x);
  };
  // Looking at a lock commutes with looking at it again.
  if (a == AccessKind::Observe && b == AccessKind::Observe)
    return false;
  // Read locks commute with each other, and with the release of another
  // reader (which a read lock does not wait for); a writer's release and a
  // read lock are never both enabled.
  if (pair(AccessKind::Share, AccessKind::Share) ||
      pair(AccessKind::Share, AccessKind::OwnerRelease))
    return false;
  // A lock held by its owner cannot be acquired by another thread, so an
  // owner's release and another thread's acquisition are never both
  // enabled: they never need reordering. (A semaphore post and a wait that
  // can go on commute.)
  if (pair(AccessKind::Acquire, AccessKind::OwnerRelease))
    return false;
  // Two threads cannot both own the lock, so their releases are never
  // both enabled either (and two semaphore posts commute).
  if (a == AccessKind::OwnerRelease && b == AccessKind::OwnerRelease)
    return false;
  return true;
}

bool dependent(const Access &a, const Access &b) {
  if (a.kind == AccessKind::ProcessExit || b.kind == AccessKind::ProcessExit)
    return true;
  const std::pair<AccessKind, ObjectAddr> x[] = {
      {a.kind, a.object}, {a.kind2, a.object2}, {a.kind3, a.object3}};
  const std::pair<AccessKind, ObjectAddr> y[] = {
      {b.kind, b.object}, {b.kind2, b.object2}, {b.kind3, b.object3}};
  for (const auto &[kindA, objectA] : x)
    for (const auto &[kindB, objectB] : y)
      if (partsDependent(kindA, objectA, kindB, objectB))
        return true;
  return false;
}

const char *effectName(Effect effect) {
  switch (effect) {
  case Effect::None:
    return "none";
  case Effect::Acquired:
    return "acquired";
  case Effect::Reacquired:
    return "reacquired";
  case Effect::Released:
    return "released";
  case Effect::ReleasedOne:
    return "released-one";
  case Effect::TryFailed:
    return "try-failed";
  case Effect::RelockErrorCheck:
    return "relock-failed";
  case Effect::UnlockNotOwner:
    return "unlock-not-owner";
  case Effect::UnlockUnlocked:
    return "unlock-unlocked";
  case Effect::RecursiveUnbalanced:
    return "recursive-unbalanced";
  case Effect::DestroyLocked:
    return "destroy-locked";
  case Effect::Created:
    return "created";
  case Effect::Joined:
    return "joined";
  case Effect::JoinSelf:
    return "join-self";
  case Effect::JoinInvalid:
    return "join-invalid";
  case Effect::Detached:
    return "detached";
  case Effect::Started:
    return "started";
  case Effect::Exited:
    return "exited";
  case Effect::ProcessEnded:
    return "process-ended";
  case Effect::CondWaited:
    return "cond-waited";
  case Effect::CondWaitUnlocked:
    return "cond-wait-unlocked";
  case Effect::CondWaitRecursive:
    return "cond-wait-recursive";
  case Effect::CondTwoMutexes:
    return "cond-two-mutexes";
  case Effect::Woken:
    return "woken";
  case Effect::TimedOut:
    return "timed-out";
  case Effect::SpuriousWake:
    return "spurious-wake";
  case Effect::Signalled:
    return "signalled";
  case Effect::SignalLost:
    return "signal-lost";
  case Effect::DestroyWaited:
    return "destroy-waited";
  case Effect::Decremented:
    return "decremented";
  case Effect::Posted:
    return "posted";
  case Effect::Arrived:
    return "arrived";
  case Effect::Left:
    return "left";
  case Effect::SharedAcquired:
    return "shared-acquired";
  case Effect::OnceRun:
    return "once-run";
  case Effect::Yielded:
    return "yielded";
  case Effect::Forked:
    return "forked";
  case Effect::Reaped:
    return "reaped";
  case Effect::WaitedNone:
    return "waited-none";
  case Effect::Sent:
    return "sent";
  case Effect::Received:
    return "received";
  case Effect::EndOfFile:
    return "end-of-file";
  case Effect::BrokenPipe:
    return "broken-pipe";
  case Effect::Closed:
    return "closed";
  case Effect::Execed:
    return "execed";
  case Effect::Killed:
    return "killed";
  case Effect::AtomicRead:
    return "atomic-read";
  case Effect::AtomicWritten:
    return "atomic-written";
  case Effect::FutexQueued:
    return "futex-queued";
  case Effect::FutexValueChanged:
    return "futex-value-changed";
  case Effect::SharedReleased:
    return "shared-released";
  case Effect::Uninitialized:
    return "uninitialized";
  case Effect::UsedDestroyed:
    return "used-destroyed";
  case Effect::Reinitialized:
    return "reinitialized";
  case Effect::CancelRequested:
    return "cancel-requested";
  case Effect::Cancelled:
    return "cancelled";
  }
  return "?";
}

Machine::Machine(std::pmr::memory_resource *memory)
    : threads_(memory), mutexes_(memory), conditions_(memory),
      semaphores_(memory), barriers_(memory), rwlocks_(memory), onces_(memory),
      pipes_(memory), processes_(memory), fileLocks_(memory),
      messageQueues_(memory), atomics_(memory), freeThreads_(memory),
      freeProcesses_(memory), futexes_(memory), lifetimes_(memory) {
  ThreadState main;
  main.status = ThreadStatus::Running;
  threads_.push_back(main);
  processes_.emplace_back();
}

void Machine::post(ThreadId t, const Operation &op) {
  assert(t < threads_.size() && threads_[t].live());
  threads_[t].pending = op;
  threads_[t].hasPending = true;
}

const MutexState *Machine::mutex(ObjectAddr addr) const {
  return mutexes_.find(addr);
}

MutexState &Machine::mutexFor(const Operation &op) {
  bool fresh = !mutexes_.find(op.object);
  MutexState &m = mutexes_.get(op.object);
  if (fresh)
    m.type = static_cast<MutexType>(op.arg);
  return m;
}

MutexState &Machine::mutexAt(ObjectAddr addr) {
  // A mutex first seen in a condition wait: its type is unknown, default.
  return mutexes_.get(addr);
}

bool Machine::semaphoreHasWaiters(ObjectAddr addr, ThreadId except) const {
  for (ThreadId t = 0; t < threads_.size(); ++t)
    if (t != except && threads_[t].live() && threads_[t].hasPending &&
        threads_[t].pending.kind == OpKind::SemWait &&
        threads_[t].pending.object == addr && !enabled(t))
      return true;
  return false;
}

bool Machine::mutexHasWaiters(ObjectAddr addr, ThreadId except) const {
  for (ThreadId t = 0; t < threads_.size(); ++t)
    if (t != except && threads_[t].live() && threads_[t].hasPending &&
        threads_[t].pending.kind == OpKind::MutexLock &&
        threads_[t].pending.object == addr && !enabled(t))
      return true;
  return false;
}

bool Machine::objectDestroyed(const Operation &op) const {
  if (isMutexOp(op.kind)) {
    const MutexState *m = mutex(op.object);
    return m && m->destroyed;
  }
  if (isRwLockOp(op.kind)) {
    const RwLockState *rw = rwlock(op.object);
    return rw && rw->destroyed;
  }
  if (isConditionOp(op.kind)) {
    const ConditionState *c = condition(op.object);
    return c && c->destroyed;
  }
  if (isSemaphoreOp(op.kind)) {
    const SemaphoreState *s = semaphore(op.object);
    return s && s->destroyed;
  }
  if (isBarrierOp(op.kind)) {
    const BarrierState *b = barrier(op.object);
    return b && b->destroyed;
  }
  return false;
}

namespace {
template <typename State> State freshState(ObjectAddr addr) {
  State s;
  s.addr = addr;
  return s;
}

// Calls f with the object's state, or with a fresh one's when the program
// never touched it: by reference, and built only then. (`s ? *s :
// freshState<State>(addr)` copies *s -- a conditional of an lvalue and a
// prvalue is a prvalue -- with its waiter and signal lists, into the
// execution's arena, which frees nothing; enabled() asks it of every thread
// at every step, and 20 threads in timed waits filled the arena's 256 MiB
// in 12,000 steps: testcases/realsize/timed_waiters.c.)
template <typename State, typename F>
auto onState(const State *s, ObjectAddr addr, F &&f) {
  return s ? f(*s) : f(freshState<State>(addr));
}
} // namespace

bool Machine::renewed(const Operation &op) const {
  // enabled(), accessOf() and step() ask this of every pending operation:
  // renews() reads `destroyed` only for a fresh object and the lifetime
  // only for another, so only that one is looked up.
  if (!hasLifetime(op.kind) || !(op.flags & ObjectGeneration))
    return false;
  if (op.reserved == ObjectFresh)
    return renews(nullptr, op, objectDestroyed(op));
  return renews(lifetimes_.find(op.object), op, false);
}

void Machine::renewObject(const Operation &op) {
  ObjectAddr addr = op.object;
  if (isMutexOp(op.kind)) {
    MutexState &m = mutexes_.get(addr);
    m = MutexState();
    m.addr = addr;
    m.type = static_cast<MutexType>(op.arg);
  } else if (isRwLockOp(op.kind)) {
    rwlocks_.get(addr) = freshState<RwLockState>(addr);
  } else if (isConditionOp(op.kind)) {
    conditions_.get(addr) = freshState<ConditionState>(addr);
  } else if (isSemaphoreOp(op.kind)) {
    semaphores_.get(addr) = freshState<SemaphoreState>(addr);
  } else if (isBarrierOp(op.kind)) {
    barriers_.get(addr) = freshState<BarrierState>(addr);
  }
  if (op.reserved != ObjectFresh)
    lifetimes_.get(addr).generation = op.reserved;
}

Outcome Machine::endFreedObject(const Operation &op) {
  // Freeing the memory ends the object's life whatever its state: its
  // holders and waiters hold and wait on nothing that exists any more (a
  // later use is of a destroyed object: lock.uninitialized), and an init
  // at that address starts a new object -- no lock.reinit. A lock freed
  // while held is not reported here: destroying it first is
  // (lock.destroy-locked), and so is any later unlock of it.
  ObjectAddr addr = op.object;
  if (isMutexOp(op.kind)) {
    MutexState &m = mutexes_.get(addr);
    MutexType type = m.type;
    m = MutexState();
    m.addr = addr;
    m.type = type;
    m.destroyed = true;
  } else if (isRwLockOp(op.kind)) {
    RwLockState &rw = rwlocks_.get(addr);
    rw = freshState<RwLockState>(addr);
    rw.destroyed = true;
  } else if (isConditionOp(op.kind)) {
    ConditionState &c = conditions_.get(addr);
    c = freshState<ConditionState>(addr);
    c.destroyed = true;
  } else if (isSemaphoreOp(op.kind)) {
    SemaphoreState &s = semaphores_.get(addr);
    s = freshState<SemaphoreState>(addr);
    s.destroyed = true;
  } else if (isBarrierOp(op.kind)) {
    BarrierState &b = barriers_.get(addr);
    b = freshState<BarrierState>(addr);
    b.destroyed = true;
  }
  return {0, Effect::None, {AccessKind::Mutate, addr}};
}

bool Machine::enabled(ThreadId t) const {
  const ThreadState &thread = threads_[t];
  if (processEnded_ || thread.cutOff || !thread.live() || !thread.hasPending)
    return false;
  const Operation &op = thread.pending;
  if (cancelActsAt(thread, op)) {
    // A cancelled condition wait takes its mutex again before the cleanup
    // handlers run; any other cancellation point returns at once.
    if (op.kind != OpKind::CondWake)
      return true;
    const MutexState *m = mutex(op.arg);
    return !m || !m->held() || (m->owner == t && m->recursive());
  }
  if (hasLifetime(op.kind)) {
    // Misuse that fails does so at once; a new object is a fresh one, free.
    if (renewed(op) ||
        lifetimeMisuse(op, objectDestroyed(op)) == Misuse::Fail)
      return true;
  }
  if (isMutexOp(op.kind)) {
    const MutexState *m = mutex(op.object);
    return !m || mutexEnabled(*m, t, op);
  }
  if (isThreadOp(op.kind))
    return threadEnabled(threads_, t, op);
  if (isConditionOp(op.kind)) {
    const ConditionState *c = condition(op.object);
    return onState(c, op.object, [&](const ConditionState &state) {
      return conditionEnabled(state, mutex(op.arg), t, op, spuriousWakeups_);
    });
  }
  if (isSemaphoreOp(op.kind)) {
    const SemaphoreState *s = semaphore(op.object);
    return onState(s, op.object, [&](const SemaphoreState &state) {
      return semaphoreEnabled(state, op);
    });
  }
  if (isBarrierOp(op.kind)) {
    const BarrierState *b = barrier(op.object);
    return !b || barrierEnabled(*b, t, op);
  }
  if (isRwLockOp(op.kind)) {
    const RwLockState *rw = rwlock(op.object);
    return !rw || rwlockEnabled(*rw, t, op);
  }
  if (isOnceOp(op.kind)) {
    const OnceState *o = onces_.find(op.object);
    return !o || onceEnabled(*o, op);
  }
  if (op.kind == OpKind::ProcessWait)
    return processWaitEnabled(processes_, thread.process, op);
  if (isPipeOp(op.kind)) {
    const PipeState *p = pipes_.find(op.object);
    return !p || pipeEnabled(*p, op);
  }
  if (isFileLockOp(op.kind)) {
    const FileLockState *l = fileLock(op.object);
    return !l || fileLockEnabled(*l, op);
  }
  if (isMessageQueueOp(op.kind)) {
    const MessageQueueState *q = messageQueue(op.object);
    return onState(q, op.object, [&](const MessageQueueState &state) {
      return messageQueueEnabled(state, op);
    });
  }
  if (isFutexOp(op.kind)) {
    const FutexState *f = futex(op.object);
    return onState(f, op.object, [&](const FutexState &state) {
      return futexEnabled(state, t, op, spuriousWakeups_);
    });
  }
  return true; // ProcessExit, ProcessFork, Yield
}

namespace {
void addCancelPart(Access &access, ThreadId t) {
  access.kind3 = AccessKind::Observe;
  access.object3 = cancelObject(t);
}
} // namespace

Access Machine::accessOf(ThreadId t) const {
  Access access = operationAccess(t);
  if (cancelSensitive(threads_[t], threads_[t].pending))
    addCancelPart(access, t);
  return access;
}

Access Machine::operationAccess(ThreadId t) const {
  const Operation &op = threads_[t].pending;
  // A cancel request and the target's cancellation points touch the
  // target's cancellation: requests commute with each other (both only
  // mark it), each conflicts with what reads it.
  if (op.kind == OpKind::ThreadCancel)
    return {AccessKind::OwnerRelease, cancelObject(ThreadId(op.object))};
  if (hasLifetime(op.kind)) {
    if (renewed(op))
      return renewedAccess(op);
    if (lifetimeMisuse(op, objectDestroyed(op)) == Misuse::Fail)
      return {AccessKind::Mutate, op.object};
  }
  if (op.kind == OpKind::ProcessExit || op.kind == OpKind::ProcessExec)
    return {AccessKind::ProcessExit, processObject(threads_[t].process)};
  if (op.kind == OpKind::ProcessKill) // ends another process: like its exit
    return {AccessKind::ProcessExit, processObject(ProcessId(op.object))};
  // A spawned program takes over the pipe ends it inherits (they become
  // external, changing what every pipe operation may do): like an exec.
  if (op.kind == OpKind::ProcessSpawn && (op.flags & SpawnKeepsPipes) &&
      holdsPipeEnd(threads_[t].process))
    return {AccessKind::ProcessExit, processObject(threads_[t].process)};
  if (isMutexOp(op.kind)) {
    if (const MutexState *m = mutex(op.object))
      return mutexAccess(*m, t, op);
    MutexState fresh;
    fresh.addr = op.object;
    fresh.type = static_cast<MutexType>(op.arg);
    return mutexAccess(fresh, t, op);
  }
  if (isConditionOp(op.kind)) {
    const ConditionState *c = condition(op.object);
    return onState(c, op.object, [&](const ConditionState &state) {
      return conditionAccess(state, mutex(op.arg), t, op);
    });
  }
  if (isSemaphoreOp(op.kind)) {
    const SemaphoreState *s = semaphore(op.object);
    return onState(s, op.object, [&](const SemaphoreState &state) {
      return semaphoreAccess(state, op);
    });
  }
  if (isBarrierOp(op.kind)) {
    const BarrierState *b = barrier(op.object);
    return onState(b, op.object, [&](const BarrierState &state) {
      return barrierAccess(state, op);
    });
  }
  if (isRwLockOp(op.kind)) {
    const RwLockState *rw = rwlock(op.object);
    return onState(rw, op.object, [&](const RwLockState &state) {
      return rwlockAccess(state, t, op);
    });
  }
  if (isOnceOp(op.kind)) {
    const OnceState *o = onces_.find(op.object);
    bool done =
        o && o->done && op.kind == OpKind::OnceEnter && !(op.flags & OnceFresh);
    return {done ? AccessKind::Observe : AccessKind::Mutate, op.object};
  }
  if (isProcessOp(op.kind)) { // forks and waits of one process conflict
    const ProcessId self = threads_[t].process;
    if (op.kind == OpKind::ProcessWait) // ...and a wait with a child's end
      return {AccessKind::Mutate, processObject(self), AccessKind::Mutate,
              childrenObject(self)};
    return {AccessKind::Mutate, processObject(self)};
  }
  if (isPipeOp(op.kind))
    return {AccessKind::Mutate, op.object};
  if (isFileLockOp(op.kind)) {
    const FileLockState *l = fileLock(op.object);
    return onState(l, op.object, [&](const FileLockState &state) {
      return fileLockAccess(state, t, op);
    });
  }
  if (isMessageQueueOp(op.kind)) {
    const MessageQueueState *q = messageQueue(op.object);
    return onState(q, op.object, [&](const MessageQueueState &state) {
      return messageQueueAccess(state, op);
    });
  }
  if (isAtomicOp(op.kind)) {
    const AtomicState *a = atomics_.find(op.object);
    return onState(a, op.object, [&](const AtomicState &state) {
      return atomicAccess(state, op);
    });
  }
  if (isFutexOp(op.kind)) {
    const FutexState *f = futex(op.object);
    return onState(f, op.object, [&](const FutexState &state) {
      return futexAccess(state, t, op);
    });
  }
  return {}; // threads, Yield
}

ProcessId Machine::endedBy(ThreadId t) const {
  const Operation &op = threads_[t].pending;
  return op.kind == OpKind::ProcessKill ? static_cast<ProcessId>(op.object)
                                        : threads_[t].process;
}

bool Machine::seenByOtherProcesses(ThreadId t) const {
  const OpKind kind = threads_[t].pending.kind;
  if (isPipeOp(kind) || isMessageQueueOp(kind) || isFileLockOp(kind) ||
      isProcessOp(kind))
    return true;
  // One process so far: no memory is shared with another (the test below),
  // and the replay asks this before every step.
  if (threads_[t].process == 0 && processes_.size() <= 1)
    return false;
  const Access access = accessOf(t);
  for (auto [part, object] : {std::pair(access.kind, access.object),
                              std::pair(access.kind2, access.object2)})
    if (part != AccessKind::None && objectProcess(object) == 0 &&
        (threads_[t].process != 0 || processes_.size() > 1))
      return true;
  return false;
}

bool Machine::conflicts(ThreadId a, const Access &x, ThreadId b,
                        const Access &y) const {
  const bool endsA = x.kind == AccessKind::ProcessExit;
  const bool endsB = y.kind == AccessKind::ProcessExit;
  if (!endsA && !endsB)
    return dependent(x, y);
  if (endsA && endsB) {
    // Two ends commute unless of one process, or of a parent and its child
    // (who is an orphan), or a kill of a process that exits.
    const ProcessId p = endedBy(a), q = endedBy(b);
    auto parentOf = [&](ProcessId r) {
      return r < processes_.size() ? processes_[r].parent : NoProcess;
    };
    return p == q || parentOf(p) == q || parentOf(q) == p;
  }
  const ThreadId ender = endsA ? a : b, other = endsA ? b : a;
  const Access &theirs = endsA ? y : x;
  const ProcessId ended = endedBy(ender);
  const bool cutsOff = threads_[ender].pending.kind != OpKind::ProcessSpawn;
  // The end disables the threads it cuts off: a sleep set must wake them
  // (the race analysis reorders it with fewer of their steps, explorer.cpp).
  if (cutsOff && threads_[other].process == ended && other != ender)
    return true;
  bool found = false;
  processEndTouches(ended, [&](ObjectAddr object, AccessKind kind) {
    found = found || partsDependent(kind, object, theirs.kind, theirs.object) ||
            partsDependent(kind, object, theirs.kind2, theirs.object2) ||
            partsDependent(kind, object, theirs.kind3, theirs.object3);
  });
  return found;
}

bool Machine::wouldFailTry(ThreadId t) const {
  const ThreadState &thread = threads_[t];
  const Operation &op = thread.pending;
  // One more turn of a poll without a sleep (objects/thread.h, PollTurn).
  if (pollsAgain(t))
    return true;
  switch (op.kind) {
  case OpKind::MutexTryLock:
  case OpKind::MutexTimedLock:
  case OpKind::SemTryWait:
  case OpKind::SemTimedWait:
  case OpKind::RwTryRdLock:
  case OpKind::RwTimedRdLock:
  case OpKind::RwTryWrLock:
  case OpKind::RwTimedWrLock:
  case OpKind::FileTryLock:
    return accessOf(t).kind == AccessKind::Observe;
  case OpKind::MqSend:
  case OpKind::MqReceive: // non-blocking or timed, on a full / empty queue
    return accessOf(t).kind == AccessKind::Observe;
  case OpKind::CondWake: {
    const ConditionState *c = condition(op.object);
    return onState(c, op.object, [&](const ConditionState &state) {
      return conditionWakeWithoutSignal(state, t);
    });
  }
  case OpKind::FutexResume: {
    const FutexState *f = futex(op.object);
    return onState(f, op.object, [&](const FutexState &state) {
      return futexResumeWithoutWake(state, t);
    });
  }
  case OpKind::Yield:
  case OpKind::CancelTest:
    // One sleep is a scheduling point; a sleep that ends one more turn of
    // a polling loop (thread.h, PollTurn) is bounded like a retry. A loop
    // around pthread_testcancel polls for a cancel request the same way.
    return pollRepeats(t);
  case OpKind::AtomicLoad:
  case OpKind::AtomicStore:
  case OpKind::AtomicRmw:
    // A blind update reads nothing: it cannot be a turn of a spin.
    return !isBlindUpdate(op) && atomicRepeats(t, op);
  default:
    return false;
  }
}

void Machine::noteTry(ThreadId t, const Operation &op, const Outcome &outcome) {
  ThreadState &thread = threads_[t];
  bool retry = outcome.effect == Effect::TryFailed ||
               outcome.effect == Effect::TimedOut ||
               outcome.effect == Effect::SpuriousWake;
  if (retry)
    ++thread.failedTries;
  notePollTurn(t, op, outcome);
  // A thread that did anything else but yield since its last atomic is not
  // simply spinning (and what it reads may have changed while it was
  // blocked, by an atomic no other thread could see).
  if (op.kind != OpKind::Yield && op.kind != OpKind::CancelTest &&
      !isAtomicOp(op.kind))
    thread.spin.clear();
  // Failed tries in a row are turns of a retry loop, like repeated spins.
  if (retry)
    ++thread.spinRepeats;
  else if (op.kind != OpKind::Yield && op.kind != OpKind::CancelTest &&
           !isAtomicOp(op.kind))
    thread.spinRepeats = 0;
}

namespace {

/// Whether a step only looks at the state, or leaves it as it found it
/// (a lock given back within the turn is checked by the repeat itself).
bool onlyLooks(const Operation &op, const Outcome &outcome) {
  switch (op.kind) {
  case OpKind::MutexLock:
  case OpKind::MutexTryLock:
  case OpKind::MutexTimedLock:
  case OpKind::MutexUnlock:
  case OpKind::RwRdLock:
  case OpKind::RwTryRdLock:
  case OpKind::RwTimedRdLock:
  case OpKind::RwWrLock:
  case OpKind::RwTryWrLock:
  case OpKind::RwTimedWrLock:
  case OpKind::RwUnlock:
  case OpKind::SemGetValue:
  case OpKind::MqGetAttr:
  case OpKind::FileTestLock:
  case OpKind::ProcessWait: // WNOHANG finding nothing
    return outcome.effect != Effect::Reaped;
  case OpKind::CondSignal:
  case OpKind::CondBroadcast: // that woke nobody
    return outcome.access.kind == AccessKind::Unheard;
  case OpKind::SemTryWait:
  case OpKind::SemTimedWait:
  case OpKind::MqSend:
  case OpKind::MqReceive:
  case OpKind::FileTryLock:
    return outcome.effect == Effect::TryFailed ||
           outcome.effect == Effect::TimedOut;
  default:
    return false;
  }
}

} // namespace

bool Machine::pollRepeats(ThreadId t) const {
  const PollTurn &turn = threads_[t].turn;
  return turn.looksOnly && !turn.sawAtomic && turn.hash == turn.previous &&
         !otherRanSince(t, turn.previousBegan);
}

namespace {

bool isAnchor(const PollTurn &turn, const Operation &op) {
  return turn.anchored && op.kind == turn.anchorKind &&
         op.object == turn.anchorObject && op.arg == turn.anchorArg;
}

/// Ends the current turn; the next begins at step `began`.
void endTurn(PollTurn &turn, uint64_t began) {
  turn.earlier[1] = turn.earlier[0];
  turn.earlierBegan[1] = turn.earlierBegan[0];
  turn.earlierQuiet[1] = turn.earlierQuiet[0];
  turn.earlier[0] = turn.previous;
  turn.earlierBegan[0] = turn.previousBegan;
  turn.earlierQuiet[0] = turn.previousQuiet;
  turn.previous = turn.looksOnly && !turn.sawAtomic ? turn.hash : ~0ull;
  turn.previousBegan = turn.began;
  turn.previousQuiet = turn.quiet;
  turn.began = began;
  turn.hash = 0;
  turn.looksOnly = true;
  turn.quiet = true;
  turn.sawAtomic = false;
}

} // namespace

bool Machine::anchoredRepeats(ThreadId t) const {
  const PollTurn &turn = threads_[t].turn;
  if (!turn.quiet || !turn.looksOnly || turn.sawAtomic)
    return false;
  if (turn.previousQuiet && pollRepeats(t))
    return true;
  // Two turns that repeat the two before them: a loop that takes the
  // anchor's lock twice a round (`lock; look; unlock; lock; post; unlock`).
  return turn.previousQuiet && turn.earlierQuiet[0] && turn.earlierQuiet[1] &&
         turn.previous != ~0ull && turn.hash == turn.earlier[0] &&
         turn.previous == turn.earlier[1] &&
         !otherRanSince(t, turn.earlierBegan[1]);
}

bool Machine::pollsAgain(ThreadId t) const {
  const ThreadState &thread = threads_[t];
  const Operation &op = thread.pending;
  return thread.hasPending && (op.flags & SameMemory) &&
         isAnchor(thread.turn, op) && anchoredRepeats(t);
}

void Machine::notePollTurn(ThreadId t, const Operation &op,
                           const Outcome &outcome) {
  ThreadState &thread = threads_[t];
  PollTurn &turn = thread.turn;
  // A repeat is counted like a failed try.
  auto count = [&](bool repeats) {
    if (repeats) {
      ++thread.failedTries;
      ++turn.repeats;
    } else {
      turn.repeats = 0;
    }
  };
  if (op.kind == OpKind::Yield || op.kind == OpKind::CancelTest) {
    count(pollRepeats(t));
    endTurn(turn, steps_);
    turn.anchored = false;
    return;
  }
  if (isAtomicOp(op.kind)) {
    turn.sawAtomic = true;
    return;
  }
  // Whether the thread's plain reads and writes since its last step (made
  // before this step, in the current turn) met nothing new; never said of
  // a program the runtime sees no accesses of.
  const bool quiet = op.flags & SameMemory;
  if (isAnchor(turn, op) && quiet) {
    count(anchoredRepeats(t));
    endTurn(turn, steps_);
  }
  if (!quiet)
    turn.quiet = false;
  const bool looks = onlyLooks(op, outcome);
  turn.looksOnly = turn.looksOnly && looks;
  // After a change the next turn is anchored anew. A turn begins where the
  // thread takes or looks, not where it gives back or signals, inside a
  // section: a poller counted out there would keep its lock.
  if (!looks)
    turn.anchored = false;
  else if (!turn.anchored && op.kind != OpKind::MutexUnlock &&
           op.kind != OpKind::RwUnlock && op.kind != OpKind::CondSignal &&
           op.kind != OpKind::CondBroadcast) {
    turn.anchored = true;
    turn.anchorKind = op.kind;
    turn.anchorObject = op.object;
    turn.anchorArg = op.arg;
  }
  // FNV-style mixing of what the step was and what it returned.
  for (uint64_t word : {uint64_t(op.kind), op.object, op.arg,
                        uint64_t(uint32_t(outcome.result))})
    turn.hash = (turn.hash ^ word) * 0x100000001b3ull + 0x9e3779b97f4a7c15ull;
}

Outcome Machine::step(ThreadId t) {
  assert(enabled(t));
  ThreadState &thread = threads_[t];
  Operation op = thread.pending;
  thread.hasPending = false;
  const bool cancelRead = cancelSensitive(thread, op);
  if (isCancelOp(op.kind) || cancelActsAt(thread, op)) {
    Outcome outcome = cancelStep(t, op);
    if (cancelRead)
      addCancelPart(outcome.access, t);
    noteTry(t, op, outcome);
    if (last_.thread != t)
      lastOfOther_ = last_;
    last_ = {t, steps_++};
    return outcome;
  }
  if (op.kind == OpKind::ProcessExit)
    return exitProcess(t, op);
  Outcome outcome;
  Misuse misuse = Misuse::None;
  bool renew = false, reinit = false;
  const bool freed = isDestroyOp(op.kind) && (op.flags & ObjectFreed);
  if (hasLifetime(op.kind) && !freed) {
    // Initialising a mutex someone holds or waits for pulls it from under
    // them (lock.reinit); a call does, a static initializer on memory the
    // old object left does not.
    if (op.kind == OpKind::MutexInit) {
      const MutexState *m = mutex(op.object);
      reinit = (m && m->held()) || mutexHasWaiters(op.object, t);
    }
    renew = renewed(op);
    if (renew)
      renewObject(op);
    misuse = lifetimeMisuse(op, objectDestroyed(op));
  }
  if (freed) {
    outcome = endFreedObject(op);
  } else if (misuse == Misuse::Fail) {
    outcome = failedOutcome(op, objectDestroyed(op));
  } else if (isMutexOp(op.kind)) {
    outcome = mutexStep(mutexFor(op), t, op);
  } else if (isConditionOp(op.kind)) {
    bool withMutex = op.kind == OpKind::CondWait || op.kind == OpKind::CondWake;
    MutexState *m = withMutex ? &mutexAt(op.arg) : nullptr;
    outcome = conditionStep(conditions_.get(op.object), m, t, op);
  } else if (isSemaphoreOp(op.kind)) {
    bool waiters =
        op.kind == OpKind::SemDestroy && semaphoreHasWaiters(op.object, t);
    outcome = semaphoreStep(semaphores_.get(op.object), op, waiters);
  } else if (isBarrierOp(op.kind)) {
    outcome = barrierStep(barriers_.get(op.object), t, op);
  } else if (isRwLockOp(op.kind)) {
    outcome = rwlockStep(rwlocks_.get(op.object), t, op);
  } else if (isOnceOp(op.kind)) {
    outcome = onceStep(onces_.get(op.object), t, op);
  } else if (isFileLockOp(op.kind)) {
    outcome = fileLockStep(fileLocks_.get(op.object), t, op);
  } else if (isAtomicOp(op.kind)) {
    outcome = atomicStep(atomics_.get(op.object), op);
  } else if (isFutexOp(op.kind)) {
    outcome = futexStep(futexes_.get(op.object), t, op);
  } else if (op.kind == OpKind::Yield) {
    outcome = {0, Effect::Yielded, {}};
  } else if (op.kind == OpKind::ProcessFork) {
    outcome = fork(t);
  } else if (op.kind == OpKind::ProcessExec) {
    outcome = exec(t);
  } else if (op.kind == OpKind::ProcessKill) {
    outcome = kill(t, op);
  } else if (op.kind == OpKind::ProcessSpawn) {
    outcome = spawn(t, op);
  } else if (op.kind == OpKind::ProcessWait) {
    int32_t reaped = processWaitStep(processes_, thread.process, op);
    outcome = {reaped, reaped >= 0 ? Effect::Reaped : Effect::WaitedNone,
               accessOf(t)};
    if (reaped >= 0 && !(op.flags & WaitKeep))
      retireProcess(ProcessId(reaped), t);
  } else if (op.kind == OpKind::ThreadCreate) {
    const ProcessId self = thread.process;
    ThreadId child = newThread(threads_, t, self, freeThreads_.take(t));
    outcome = {static_cast<int32_t>(child), Effect::Created, {}};
  } else if (isPipeOp(op.kind)) {
    outcome = pipeStep(pipes_.get(op.object), thread.process, op);
  } else if (isMessageQueueOp(op.kind)) {
    outcome =
        messageQueueStep(messageQueues_.get(op.object), thread.process, op);
  } else if (!hasLifetime(op.kind)) {
    outcome = threadStep(threads_, t, op);
    if (outcome.effect == Effect::Joined)
      retireThread(static_cast<ThreadId>(op.object), t);
    if (op.kind == OpKind::ThreadExit) {
      // The last thread of a process ends it (exit status 0).
      const ProcessId self = threads_[t].process;
      if (!anyRunning(self))
        endProcess(self, 0);
    }
  }
  if (reinit && outcome.effect == Effect::None)
    outcome.effect = Effect::Reinitialized;
  if (misuse == Misuse::Report)
    outcome.misuse = misuseEffect(op);
  if (renew)
    outcome.access = renewedAccess(op);
  if (cancelRead)
    addCancelPart(outcome.access, t);
  noteTry(t, op, outcome);
  if (last_.thread != t)
    lastOfOther_ = last_;
  last_ = {t, steps_++};
  return outcome;
}

void Machine::completeAtomic(ThreadId t, const Operation &op, bool changed) {
  ThreadState &thread = threads_[t];
  AtomicState &a = atomics_.get(op.object);
  if (changed) {
    // The thread made progress: whatever it saw before is no spin.
    ++a.changes;
    thread.spin.clear();
    thread.spinRepeats = 0;
    return;
  }
  // A blind update that changes nothing neither saw anything nor made
  // progress. (Whether it counts as a change depends on its operand only,
  // so the orders of commuting updates leave the same state.)
  if (isBlindUpdate(op))
    return;
  if (atomicRepeats(t, op)) {
    ++thread.failedTries;
    ++thread.spinRepeats;
  } else {
    thread.spinRepeats = 0;
  }
  thread.spin.saw(op.object, op.arg, a.changes);
}

bool Machine::atomicRepeats(ThreadId t, const Operation &op) const {
  const SpinState &spin = threads_[t].spin;
  const SpinState::Seen *last = spin.find(op.object, op.arg);
  if (!last)
    return false;
  auto changesOf = [&](ObjectAddr object) {
    const AtomicState *a = atomics_.find(object);
    return a ? a->changes : 0;
  };
  for (int i = 0; i < spin.count; ++i) {
    const SpinState::Seen &s = spin.seen[i];
    if (s.when >= last->when && s.changes != changesOf(s.object))
      return false;
  }
  return true;
}

Outcome Machine::fork(ThreadId t) {
  const ProcessId parent = threads_[t].process;
  const Access access{AccessKind::Mutate, processObject(parent)};
  const ProcessId child = newProcess(t);
  if (child == NoProcess) // as a system's process limit would answer
    return {-EAGAIN, Effect::None, access};
  // The child is a copy of the forking thread alone, its first operation
  // a ThreadStart; it holds the parent's pipe ends.
  const ThreadId first = newThread(threads_, t, child, freeThreads_.take(t));
  ProcessState &process = processes_[child];
  process.parent = parent;
  process.creator = t;
  process.firstThread = first;
  for (PipeState &p : pipes_.items)
    pipeFork(p, parent, child);
  for (MessageQueueState &q : messageQueues_.items)
    messageQueueFork(q, parent, child);
  return {static_cast<int32_t>(first), Effect::Forked, access};
}

ProcessId Machine::newProcess(ThreadId t) {
  ProcessId p = freeProcesses_.take(t);
  if (p != IdPool::None) {
    forgetObjectsOf(p);
    processes_[p] = ProcessState();
    return p;
  }
  if (processes_.size() >= MaxProcesses)
    return NoProcess;
  processes_.emplace_back();
  return static_cast<ProcessId>(processes_.size() - 1);
}

void Machine::forgetObjectsOf(ProcessId p) {
  // Keys below the pipe tag are addresses; those tagged p were in the old
  // process's private memory. (Pipes and queues are numbered or named for
  // the whole execution, and the old process's descriptors closed when it
  // ended; a spawned program may still have held some: they are closed.)
  auto gone = [p](const auto &object) {
    return object.addr < (uint64_t(1) << PipeTagShift) &&
           objectProcess(object.addr) == p;
  };
  mutexes_.eraseIf(gone);
  conditions_.eraseIf(gone);
  semaphores_.eraseIf(gone);
  barriers_.eraseIf(gone);
  rwlocks_.eraseIf(gone);
  onces_.eraseIf(gone);
  atomics_.eraseIf(gone);
  for (PipeState &pipe : pipes_.items)
    pipeProcessExit(pipe, p);
  for (MessageQueueState &q : messageQueues_.items)
    messageQueueProcessEnd(q, p);
}

bool Machine::referenced(ThreadId t) const {
  for (const MutexState &m : mutexes_.items)
    if (m.owner == t)
      return true;
  for (const RwLockState &rw : rwlocks_.items)
    if (rw.writer == t || rw.reads(t))
      return true;
  for (const ConditionState &c : conditions_.items)
    for (const CondWaiter &w : c.waiters)
      if (w.thread == t)
        return true;
  for (const BarrierState &b : barriers_.items)
    for (ThreadId arrived : b.arrived)
      if (arrived == t)
        return true;
  for (const OnceState &o : onces_.items)
    if (o.runner == t)
      return true;
  for (const FileLockState &l : fileLocks_.items)
    for (const FileLockState::Holder &h : l.holders)
      if (h.thread == t)
        return true;
  return false;
}

void Machine::retireThread(ThreadId t, ThreadId heir) {
  freeThreads_.inherit(t, heir);
  freeProcesses_.inherit(t, heir);
  if (!referenced(t))
    freeThreads_.give(t, heir);
}

void Machine::retireProcess(ProcessId p, ThreadId heir) {
  // Nothing of p runs any more: each thread exited or was cut off.
  for (ThreadId t = 0; t < threads_.size(); ++t)
    if (threads_[t].process == p && !freeThreads_.contains(t))
      retireThread(t, heir);
  freeProcesses_.give(p, heir);
}

void Machine::endProcess(ProcessId self, int32_t status) {
  ProcessState &process = processes_[self];
  process.status = ProcessStatus::Exited;
  process.exitStatus = status;
  // Its children: a zombie is reaped by init now; a running child is an
  // orphan.
  for (ProcessState &child : processes_) {
    if (child.parent != self)
      continue;
    if (child.status == ProcessStatus::Exited) {
      child.zombieAtParentExit = true;
      child.status = ProcessStatus::Reaped;
    } else if (child.status == ProcessStatus::Running) {
      child.orphaned = true;
    }
  }
  // Nobody waits for an orphan: it is reaped as it exits.
  if (process.orphaned)
    process.status = ProcessStatus::Reaped;
  for (PipeState &p : pipes_.items)
    pipeProcessExit(p, self);
  for (MessageQueueState &q : messageQueues_.items)
    messageQueueProcessEnd(q, self);
  processEnded_ = !anyRunning();
}

bool Machine::anyRunning(ProcessId p) const {
  for (const ThreadState &thread : threads_)
    if (thread.live() && !thread.cutOff &&
        (p == NoProcess || thread.process == p))
      return true;
  return false;
}

void Machine::cutOffProcess(ProcessId p) {
  for (ThreadState &thread : threads_)
    if (thread.process == p && thread.live())
      thread.cutOff = true;
}

Outcome Machine::exec(ThreadId t) {
  const ProcessId self = threads_[t].process;
  // exec ends every thread of the process, the caller included: the new
  // program runs unscheduled, and may hold the process's pipe ends.
  cutOffProcess(self);
  processes_[self].execed = true;
  for (PipeState &p : pipes_.items)
    pipeProcessExec(p, self);
  // exec closes message queue descriptors.
  for (MessageQueueState &q : messageQueues_.items)
    messageQueueProcessEnd(q, self);
  processEnded_ = !anyRunning();
  // Like an exit, it conflicts with everything.
  return {0, Effect::Execed, {AccessKind::ProcessExit, processObject(self)}};
}

bool Machine::holdsPipeEnd(ProcessId p) const {
  if (p >= MaxPipeProcesses)
    return false;
  for (const PipeState &pipe : pipes_.items)
    if (pipe.readers[p] || pipe.writers[p])
      return true;
  return false;
}

Outcome Machine::spawn(ThreadId t, const Operation &op) {
  const ProcessId parent = threads_[t].process;
  // system(): the child is gone when the call returns, and the program
  // never sees it: nothing to keep (a loop of system calls makes no
  // processes); only the scheduling point remains.
  if (op.flags & SpawnReaped)
    return {-1, Effect::None, {AccessKind::None, 0}};
  // Pipe ends opened close-on-exec stay behind; the others (and any, when
  // the spawn has file actions) go to the program.
  bool external = (op.flags & SpawnKeepsPipes) && holdsPipeEnd(parent);
  const ProcessId child = newProcess(t);
  if (child == NoProcess)
    return {-EAGAIN, Effect::None, {AccessKind::Mutate, processObject(parent)}};
  ProcessState &process = processes_[child];
  process.parent = parent;
  process.creator = t;
  process.firstThread = NoThread; // it never runs under control
  process.execed = true;
  if (op.flags & SpawnKeepsPipes)
    for (PipeState &p : pipes_.items) {
      pipeFork(p, parent, child);
      pipeProcessExec(p, child);
    }
  return {int32_t(child),
          Effect::Forked,
          {external ? AccessKind::ProcessExit : AccessKind::Mutate,
           processObject(parent)}};
}

Outcome Machine::kill(ThreadId t, const Operation &op) {
  (void)t;
  const auto target = ProcessId(op.object);
  const Access access{AccessKind::ProcessExit, processObject(target)};
  if (target >= processes_.size() ||
      processes_[target].status == ProcessStatus::Reaped)
    return {-ESRCH, Effect::None, access};
  ProcessState &child = processes_[target];
  // A zombie stays one (its status is its exit's); an exec'd program is
  // killed for real, and a wait for it was enabled anyway.
  if (child.status != ProcessStatus::Running || child.execed)
    return {child.execed ? 0 : KillNoEffect, Effect::None, access};
  cutOffProcess(target);
  child.killedBy = int32_t(op.arg);
  endProcess(target, 128 + int32_t(op.arg));
  return {0, Effect::Killed, access};
}

Outcome Machine::cancelStep(ThreadId t, const Operation &op) {
  ThreadState &thread = threads_[t];
  switch (op.kind) {
  case OpKind::ThreadCancel: {
    const Access access{AccessKind::OwnerRelease,
                        cancelObject(ThreadId(op.object))};
    if (op.object >= threads_.size())
      return {ESRCH, Effect::None, access};
    ThreadState &target = threads_[op.object];
    // glibc answers 0 for a thread that has exited but is not joined yet.
    if (!target.live() || target.cutOff || target.cancelling)
      return {0, Effect::None, access};
    target.cancelRequested = true;
    // A thread that cancels itself with asynchronous cancellation enabled
    // acts on it at once.
    if (op.object == t && !thread.cancelDisabled && thread.cancelAsync) {
      thread.cancelling = true;
      return {CancelActed, Effect::Cancelled, access};
    }
    return {0, Effect::CancelRequested, access};
  }
  default:
    break;
  }
  if (cancelActsAt(thread, op)) {
    thread.cancelling = true;
    Outcome outcome{CancelActed, Effect::Cancelled, {}};
    if (op.kind == OpKind::CondWake) // the mutex is taken again first
      outcome.access =
          conditionCancelWake(conditions_.get(op.object), mutexAt(op.arg), t);
    return outcome;
  }
  if (op.kind == OpKind::CancelSet) {
    int32_t old;
    if (op.flags & CancelSetState) {
      old = thread.cancelDisabled;
      thread.cancelDisabled = op.arg != 0;
    } else {
      old = thread.cancelAsync;
      thread.cancelAsync = op.arg != 0;
    }
    return {old, Effect::None, {}};
  }
  return {0, Effect::None, {}}; // CancelTest with nothing to act on
}

Outcome Machine::exitProcess(ThreadId t, const Operation &op) {
  const ProcessId self = threads_[t].process;
  // Every thread of the process stops with it, wherever it was.
  cutOffProcess(self);
  endProcess(self, static_cast<int32_t>(op.arg));
  // (A process exit conflicts with everything; the object names which
  // process ended, for the happens-before edge to its parent's wait.)
  return {
      0, Effect::ProcessEnded, {AccessKind::ProcessExit, processObject(self)}};
}

namespace {
template <typename Table, typename F>
void describe(std::vector<std::string> &lines, const char *kind,
              const Table &table, F &&text) {
  for (const auto &item : table.items)
    lines.push_back(std::string(kind) + " " + std::to_string(item.addr) + ": " +
                    text(item));
}
} // namespace

std::string Machine::canonical() const {
  std::vector<std::string> lines;
  describe(lines, "mutex", mutexes_, [](const MutexState &m) {
    return (m.held() ? std::to_string(m.owner) + "x" + std::to_string(m.count)
                     : std::string("free")) +
           (m.destroyed ? " destroyed" : "");
  });
  describe(lines, "cond", conditions_, conditionCanonical);
  describe(lines, "sem", semaphores_, semaphoreCanonical);
  describe(lines, "barrier", barriers_, barrierCanonical);
  describe(lines, "rwlock", rwlocks_, rwlockCanonical);
  describe(lines, "once", onces_, onceCanonical);
  describe(lines, "pipe", pipes_, pipeCanonical);
  for (ProcessId p = 0; p < processes_.size(); ++p)
    lines.push_back(processCanonical(processes_, p));
  describe(lines, "file-lock", fileLocks_, fileLockCanonical);
  describe(lines, "mq", messageQueues_, messageQueueCanonical);
  describe(lines, "atomic", atomics_, atomicCanonical);
  describe(lines, "futex", futexes_, futexCanonical);
  std::sort(lines.begin(), lines.end());
  std::string text;
  for (ThreadId t = 0; t < threads_.size(); ++t) {
    const ThreadState &thread = threads_[t];
    text += "thread " + std::to_string(t) + ": ";
    if (!thread.live())
      text += "exited";
    else if (thread.hasPending)
      text += std::string("at ") + opKindName(thread.pending.kind) + " " +
              std::to_string(thread.pending.object);
    else
      text += "running";
    if (thread.live() &&
        (thread.cancelRequested || thread.cancelDisabled || thread.cancelAsync))
      text += std::string(" cancel:") + (thread.cancelRequested ? "r" : "") +
              (thread.cancelDisabled ? "d" : "") +
              (thread.cancelAsync ? "a" : "") + (thread.cancelling ? "x" : "");
    text += thread.joined ? " joined\n" : "\n";
  }
  for (const std::string &line : lines)
    text += line + "\n";
  return text;
}

} // namespace tangle
