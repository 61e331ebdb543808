// What flock/fcntl/lockf operations do: shared locks coexist, an exclusive
// lock excludes every other owner; an owner that locks again converts its
// lock (shared <-> exclusive) and an unlock by a non-holder does nothing, as
// on Linux.
#include "model/objects/file_lock.h"

#include "model/machine.h"

#include <algorithm>
#include <cerrno>
#include <vector>

namespace tangle {
namespace {

bool conflicts(const FileLockState &l, const Operation &op) {
  bool exclusive = !(op.flags & FileLockShared);
  for (const FileLockState::Holder &h : l.holders)
    if (h.owner != op.arg && (exclusive || h.exclusive))
      return true;
  return false;
}

/// A lock another thread with the same owner may hold: then this thread's
/// operations do not wait for it, so the mutex-style independence rules
/// (an owner's release is never co-enabled with another's acquisition) do
/// not hold. Process-owned locks are always in this case, and so are
/// descriptions used by a thread that did not open them (the runtime says
/// so): the classification must not depend on whether another thread
/// happens to hold the lock at this point of this execution.
bool ownerShared(const FileLockState &l, ThreadId t, const Operation &op) {
  if (op.flags & (FileLockByProcess | FileLockSharedOwner))
    return true;
  const FileLockState::Holder *h = l.holderOf(op.arg);
  return h && h->thread != t;
}

AccessKind lockedKind(const FileLockState &l, ThreadId t, const Operation &op) {
  if (op.kind == OpKind::FileTryLock || ownerShared(l, t, op))
    return AccessKind::Mutate;
  return op.flags & FileLockShared ? AccessKind::Share : AccessKind::Acquire;
}

} // namespace

const FileLockState::Holder *FileLockState::holderOf(uint64_t owner) const {
  for (const Holder &h : holders)
    if (h.owner == owner)
      return &h;
  return nullptr;
}

bool isFileLockOp(OpKind kind) {
  return kind >= OpKind::FileLock && kind <= OpKind::FileTestLock;
}

bool fileLockEnabled(const FileLockState &l, const Operation &op) {
  return op.kind != OpKind::FileLock || !conflicts(l, op);
}

Outcome fileLockStep(FileLockState &l, ThreadId t, const Operation &op) {
  Access access = fileLockAccess(l, t, op);
  switch (op.kind) {
  case OpKind::FileLock:
  case OpKind::FileTryLock: {
    if (conflicts(l, op))
      return {EAGAIN, Effect::TryFailed, access};
    bool exclusive = !(op.flags & FileLockShared);
    FileLockState::Holder *h =
        const_cast<FileLockState::Holder *>(l.holderOf(op.arg));
    if (!h) {
      l.holders.push_back({op.arg, t, exclusive});
    } else {
      h->thread = t;
      h->exclusive = exclusive;
    }
    return {0, exclusive ? Effect::Acquired : Effect::SharedAcquired, access};
  }
  case OpKind::FileUnlock:
    for (uint32_t i = 0; i < l.holders.size(); ++i)
      if (l.holders[i].owner == op.arg) {
        removeAt(l.holders, i);
        return {0, Effect::Released, access};
      }
    return {0, Effect::None, access};
  default: { // FileTestLock
    int32_t held = 0;
    for (const FileLockState::Holder &h : l.holders)
      if (h.owner != op.arg)
        held = std::max(held, h.exclusive ? FileLockHeldExclusive
                                          : FileLockHeldShared);
    bool exclusive = !(op.flags & FileLockShared);
    if (!exclusive && held == FileLockHeldShared)
      held = 0; // a read lock would not conflict
    return {held, Effect::None, access};
  }
  }
}

Access fileLockAccess(const FileLockState &l, ThreadId t, const Operation &op) {
  switch (op.kind) {
  case OpKind::FileLock:
    return {lockedKind(l, t, op), l.addr};
  case OpKind::FileTryLock:
    return {conflicts(l, op) ? AccessKind::Observe : AccessKind::Mutate,
            l.addr};
  case OpKind::FileUnlock: {
    const FileLockState::Holder *h = l.holderOf(op.arg);
    bool own = h && h->thread == t && !ownerShared(l, t, op);
    return {own ? AccessKind::OwnerRelease : AccessKind::Mutate, l.addr};
  }
  default:
    return {AccessKind::Observe, l.addr};
  }
}

ThreadId fileLockBlocker(const FileLockState &l, const Operation &op) {
  if (op.kind != OpKind::FileLock)
    return NoThread;
  bool exclusive = !(op.flags & FileLockShared);
  for (const FileLockState::Holder &h : l.holders)
    if (h.owner != op.arg && (exclusive || h.exclusive))
      return h.thread;
  return NoThread;
}

std::string fileLockCanonical(const FileLockState &l) {
  // Holders by owner, in a canonical order.
  std::vector<std::string> parts;
  for (const FileLockState::Holder &h : l.holders)
    parts.push_back(std::to_string(h.owner) + (h.exclusive ? "x" : "s"));
  std::sort(parts.begin(), parts.end());
  std::string text;
  for (const std::string &p : parts)
    text += p + " ";
  return text.empty() ? "free" : text;
}

} // namespace tangle
