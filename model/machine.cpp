// The Machine dispatches each operation to its object kind (objects/) and
// keeps what is common to all: pending operations and the end of the process.
#include "model/machine.h"

#include <cassert>

namespace tangle {

bool dependent(const Access &a, const Access &b) {
  if (a.kind == AccessKind::ProcessExit || b.kind == AccessKind::ProcessExit)
    return true;
  if (a.kind == AccessKind::None || b.kind == AccessKind::None ||
      a.object != b.object)
    return false;
  if (a.kind == AccessKind::Mutate || b.kind == AccessKind::Mutate)
    return true;
  // Looking at a lock commutes with looking at it again.
  if (a.kind == AccessKind::Observe && b.kind == AccessKind::Observe)
    return false;
  // A lock held by its owner cannot be acquired by another thread, so an
  // owner's release and another thread's acquisition are never both
  // enabled: they never need reordering.
  auto pair = [&](AccessKind x, AccessKind y) {
    return (a.kind == x && b.kind == y) || (a.kind == y && b.kind == x);
  };
  if (pair(AccessKind::Acquire, AccessKind::OwnerRelease))
    return false;
  // Two threads cannot both own the lock, so their releases are never
  // both enabled either.
  if (a.kind == AccessKind::OwnerRelease && b.kind == AccessKind::OwnerRelease)
    return false;
  return true;
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
  }
  return "?";
}

Machine::Machine(std::pmr::memory_resource *memory)
    : threads_(memory), mutexes_(memory), mutexIndex_(memory) {
  ThreadState main;
  main.status = ThreadStatus::Running;
  threads_.push_back(main);
}

void Machine::post(ThreadId t, const Operation &op) {
  assert(t < threads_.size() && threads_[t].live());
  threads_[t].pending = op;
  threads_[t].hasPending = true;
}

const MutexState *Machine::mutex(ObjectAddr addr) const {
  auto it = mutexIndex_.find(addr);
  return it == mutexIndex_.end() ? nullptr : &mutexes_[it->second];
}

MutexState &Machine::mutexFor(const Operation &op) {
  auto [it, inserted] = mutexIndex_.try_emplace(op.object, mutexes_.size());
  if (inserted) {
    MutexState m;
    m.addr = op.object;
    m.type = static_cast<MutexType>(op.arg);
    mutexes_.push_back(m);
  }
  return mutexes_[it->second];
}

bool Machine::enabled(ThreadId t) const {
  const ThreadState &thread = threads_[t];
  if (processEnded_ || !thread.live() || !thread.hasPending)
    return false;
  const Operation &op = thread.pending;
  if (isMutexOp(op.kind)) {
    const MutexState *m = mutex(op.object);
    return !m || mutexEnabled(*m, t, op);
  }
  if (isThreadOp(op.kind))
    return threadEnabled(threads_, t, op);
  return true; // ProcessExit
}

Access Machine::accessOf(ThreadId t) const {
  const Operation &op = threads_[t].pending;
  if (op.kind == OpKind::ProcessExit)
    return {AccessKind::ProcessExit, 0};
  if (isMutexOp(op.kind)) {
    if (const MutexState *m = mutex(op.object))
      return mutexAccess(*m, t, op);
    MutexState fresh;
    fresh.addr = op.object;
    fresh.type = static_cast<MutexType>(op.arg);
    return mutexAccess(fresh, t, op);
  }
  return {};
}

bool Machine::wouldFailTry(ThreadId t) const {
  const Operation &op = threads_[t].pending;
  return (op.kind == OpKind::MutexTryLock ||
          op.kind == OpKind::MutexTimedLock) &&
         accessOf(t).kind == AccessKind::Observe;
}

Outcome Machine::step(ThreadId t) {
  assert(enabled(t));
  ThreadState &thread = threads_[t];
  Operation op = thread.pending;
  thread.hasPending = false;
  if (op.kind == OpKind::ProcessExit) {
    processEnded_ = true;
    return {0, Effect::ProcessEnded, {AccessKind::ProcessExit, 0}};
  }
  if (isMutexOp(op.kind)) {
    Outcome outcome = mutexStep(mutexFor(op), t, op);
    if (outcome.effect == Effect::TryFailed)
      ++threads_[t].failedTries;
    return outcome;
  }
  Outcome outcome = threadStep(threads_, t, op);
  if (op.kind == OpKind::ThreadExit) {
    bool anyLive = false;
    for (const ThreadState &other : threads_)
      anyLive |= other.live();
    processEnded_ = !anyLive;
  }
  return outcome;
}

} // namespace tangle
