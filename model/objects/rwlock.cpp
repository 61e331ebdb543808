// What read-write lock operations do. Policy: readers first, glibc's
// default (PTHREAD_RWLOCK_PREFER_READER_NP): a read lock is granted whenever
// no writer holds the lock, even while a writer waits; a write lock needs the
// lock free. Return codes are glibc's. The explorer still tries every order of
// arrivals. A thread that holds the write lock and locks again gets EDEADLK
// (glibc); one that holds a read lock and asks for the write lock waits
// forever, like glibc.
#include "model/objects/rwlock.h"

#include "model/machine.h"

#include <algorithm>
#include <cerrno>

namespace tangle {
namespace {

bool isRead(OpKind k) {
  return k == OpKind::RwRdLock || k == OpKind::RwTryRdLock ||
         k == OpKind::RwTimedRdLock;
}
bool isTry(OpKind k) {
  return k == OpKind::RwTryRdLock || k == OpKind::RwTimedRdLock ||
         k == OpKind::RwTryWrLock || k == OpKind::RwTimedWrLock;
}
bool isTimed(OpKind k) {
  return k == OpKind::RwTimedRdLock || k == OpKind::RwTimedWrLock;
}

/// A try or timed lock that succeeds would have failed before another
/// thread's release, so it conflicts with releases too (Mutate); blocking
/// locks cannot come before the release that lets them go on.
AccessKind successKind(OpKind k) {
  if (isTry(k))
    return AccessKind::Mutate;
  return isRead(k) ? AccessKind::Share : AccessKind::Acquire;
}

/// Whether a lock of kind k by t would be granted now.
bool grantable(const RwLockState &rw, OpKind k) {
  return isRead(k) ? rw.writer == NoThread : !rw.held();
}

} // namespace

bool RwLockState::reads(ThreadId t) const {
  return std::find(readers.begin(), readers.end(), t) != readers.end();
}

bool rwlockEnabled(const RwLockState &rw, ThreadId t, const Operation &op) {
  if (op.kind != OpKind::RwRdLock && op.kind != OpKind::RwWrLock)
    return true;
  if (rw.writer == t)
    return true; // EDEADLK
  return grantable(rw, op.kind);
}

Outcome rwlockStep(RwLockState &rw, ThreadId t, const Operation &op) {
  switch (op.kind) {
  case OpKind::RwInit: {
    ObjectAddr addr = rw.addr;
    rw = RwLockState();
    rw.addr = addr;
    return {0, Effect::None, {AccessKind::Mutate, addr}};
  }
  case OpKind::RwDestroy:
    if (rw.held())
      return {EBUSY, Effect::DestroyLocked, {AccessKind::Mutate, rw.addr}};
    rw.destroyed = true;
    return {0, Effect::None, {AccessKind::Mutate, rw.addr}};
  case OpKind::RwUnlock:
    if (rw.writer == t) {
      rw.writer = NoThread;
      return {0, Effect::Released, {AccessKind::OwnerRelease, rw.addr}};
    }
    // A reader's unlock is SharedReleased: it orders nothing for the
    // other readers (docs/races.md), only for the next writer.
    for (uint32_t i = 0; i < rw.readers.size(); ++i)
      if (rw.readers[i] == t) {
        removeAt(rw.readers, i);
        return {0, Effect::SharedReleased, {AccessKind::OwnerRelease, rw.addr}};
      }
    // glibc checks nothing: an unlock by a thread that holds nothing
    // returns 0 (and corrupts the lock's state); the model leaves the
    // state alone and reports the misuse.
    return {0,
            rw.held() ? Effect::UnlockNotOwner : Effect::UnlockUnlocked,
            {AccessKind::Mutate, rw.addr}};
  default:
    break;
  }
  if (rw.writer == t)
    return {EDEADLK, Effect::RelockErrorCheck, {AccessKind::Observe, rw.addr}};
  if (!grantable(rw, op.kind)) {
    int32_t result = isTimed(op.kind) ? ETIMEDOUT : EBUSY;
    return {result, Effect::TryFailed, {AccessKind::Observe, rw.addr}};
  }
  if (isRead(op.kind)) {
    rw.readers.push_back(t);
    return {0, Effect::SharedAcquired, {successKind(op.kind), rw.addr}};
  }
  rw.writer = t;
  return {0, Effect::Acquired, {successKind(op.kind), rw.addr}};
}

Access rwlockAccess(const RwLockState &rw, ThreadId t, const Operation &op) {
  switch (op.kind) {
  case OpKind::RwInit:
  case OpKind::RwDestroy:
    return {AccessKind::Mutate, rw.addr};
  case OpKind::RwUnlock:
    return {rw.writer == t || rw.reads(t) ? AccessKind::OwnerRelease
                                          : AccessKind::Mutate,
            rw.addr};
  default:
    break;
  }
  // Must classify exactly as rwlockStep will.
  if (rw.writer == t || (isTry(op.kind) && !grantable(rw, op.kind)))
    return {AccessKind::Observe, rw.addr};
  return {successKind(op.kind), rw.addr};
}

ThreadId rwlockBlocker(const RwLockState &rw, ThreadId t) {
  if (rw.writer != NoThread)
    return rw.writer;
  for (ThreadId r : rw.readers)
    if (r != t)
      return r;
  return rw.readers.empty() ? NoThread : t;
}

std::string rwlockCanonical(const RwLockState &rw) {
  std::vector<ThreadId> readers(rw.readers.begin(), rw.readers.end());
  std::sort(readers.begin(), readers.end());
  std::string text =
      "writer=" +
      (rw.writer == NoThread ? std::string("-") : std::to_string(rw.writer)) +
      " readers=";
  for (ThreadId r : readers)
    text += std::to_string(r) + ",";
  return text + (rw.destroyed ? " destroyed" : "");
}

} // namespace tangle
