// A pthread read-write lock: readers share it, a writer excludes everyone.
#pragma once

#include "model/objects/thread_set.h"

#include <string>

namespace tangle {

struct Outcome;

struct RwLockState {
  ObjectAddr addr = 0;
  ThreadId writer = NoThread;
  ThreadList<ThreadId> readers; // one entry per read lock held (a thread
                                // may read-lock recursively)
  bool destroyed = false;

  bool held() const { return writer != NoThread || !readers.empty(); }
  bool reads(ThreadId t) const;
};

/// Inline: the replays ask this of every operation, several times a step.
inline bool isRwLockOp(OpKind kind) {
  return kind >= OpKind::RwInit && kind <= OpKind::RwUnlock;
}
bool rwlockEnabled(const RwLockState &rw, ThreadId t, const Operation &op);
Outcome rwlockStep(RwLockState &rw, ThreadId t, const Operation &op);
struct Access rwlockAccess(const RwLockState &rw, ThreadId t,
                           const Operation &op);
/// The thread a blocked lock of t waits on (a writer, else another reader).
ThreadId rwlockBlocker(const RwLockState &rw, ThreadId t);
std::string rwlockCanonical(const RwLockState &rw);

} // namespace tangle
