// A file lock (flock, fcntl, lockf), keyed by the file's identity
// (file_identity.h). Owners are not threads: flock and OFD locks belong to
// an open file description, fcntl/lockf locks to the process, so two threads
// with one owner never exclude each other (POSIX; docs/objects.md). Ranges
// are approximated as the whole file.
#pragma once

#include "model/event.h"
#include "model/objects/thread_set.h"

#include <string>

namespace tangle {

struct Outcome;
struct Access;

struct FileLockState {
  struct Holder {
    uint64_t owner = 0;
    ThreadId thread = NoThread; // the thread that took it last
    bool exclusive = false;
  };
  ObjectAddr addr = 0;
  ThreadList<Holder> holders;

  const Holder *holderOf(uint64_t owner) const;
};

bool isFileLockOp(OpKind kind);
/// Whether t can execute op now: a blocking lock waits while another owner
/// holds a conflicting lock.
bool fileLockEnabled(const FileLockState &l, const Operation &op);
Outcome fileLockStep(FileLockState &l, ThreadId t, const Operation &op);
Access fileLockAccess(const FileLockState &l, ThreadId t, const Operation &op);
/// The thread holding a lock that keeps op waiting, or NoThread.
ThreadId fileLockBlocker(const FileLockState &l, const Operation &op);
std::string fileLockCanonical(const FileLockState &l);

} // namespace tangle
