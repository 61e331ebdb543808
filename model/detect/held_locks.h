// Who holds which lock (mutexes and rwlocks, readers too) and since which
// step, replayed from the effects the Machine reported. Shared by the
// detectors that say what each involved thread held.
#pragma once

#include "model/detect/finding.h"
#include "model/explore/replay.h"

#include <algorithm>
#include <map>
#include <utility>
#include <vector>

namespace tangle {

/// Replays lock ownership one step at a time (apply), and answers who holds
/// what at that point.
class HeldLocks {
public:
  void apply(const Event &event, const Outcome &outcome, uint32_t step,
             const Machine &final) {
    ObjectAddr m = event.op.object;
    ThreadId t = event.thread;
    if (event.op.kind == OpKind::ProcessFork && event.result >= 0)
      return forgetProcess(ProcessId(event.op.reserved));
    if (isConditionOp(event.op.kind)) {
      // A wait releases the mutex (unless it did not hold it, or a
      // recursive mutex stays held); a wake-up takes it again.
      ObjectAddr mutex = event.op.arg;
      if (outcome.effect == Effect::CondWaited ||
          outcome.effect == Effect::CondTwoMutexes)
        holders_.erase({mutex, t});
      else if (event.op.kind == OpKind::CondWake)
        holders_.try_emplace({mutex, t}, step);
      return;
    }
    if (!isMutexOp(event.op.kind) && !isRwLockOp(event.op.kind) &&
        !isFileLockOp(event.op.kind))
      return;
    if (event.op.kind == OpKind::FileUnlock) {
      // A process-owned lock (fcntl, lockf) is released for every thread
      // of the process; an flock only by its holder's unlock.
      if (event.op.flags & FileLockByProcess)
        eraseObject(m);
      else
        holders_.erase({m, t});
      return;
    }
    switch (outcome.effect) {
    case Effect::Acquired:
    case Effect::SharedAcquired:
      holders_.try_emplace({m, t}, step);
      break;
    case Effect::Released:
    case Effect::SharedReleased:
      holders_.erase({m, t});
      break;
    case Effect::UnlockNotOwner: {
      const MutexState *state = final.mutex(m);
      bool checking =
          !state || state->recursive() || state->type == MutexType::ErrorCheck;
      if (!checking)
        eraseObject(m);
      break;
    }
    case Effect::None:
    case Effect::Reinitialized:
      // An init starts a new object; freeing the memory ends the old one.
      if (event.op.kind == OpKind::MutexInit ||
          event.op.kind == OpKind::RwInit || (event.op.flags & ObjectFreed))
        eraseObject(m);
      break;
    default:
      break;
    }
  }

  std::vector<HeldLock> of(ThreadId t) const {
    std::vector<HeldLock> held;
    for (const auto &[key, step] : holders_)
      if (key.second == t)
        held.push_back({key.first, step});
    std::sort(held.begin(), held.end(),
              [](const HeldLock &a, const HeldLock &b) {
                return a.acquiredAt < b.acquiredAt;
              });
    return held;
  }

  ThreadId ownerOf(ObjectAddr m) const {
    auto it = holders_.lower_bound({m, 0});
    return it == holders_.end() || it->first.first != m ? NoThread
                                                        : it->first.second;
  }

private:
  /// A fork starts process p: what a reaped process with the same number
  /// held in its private memory is gone (objects/ids.h).
  void forgetProcess(ProcessId p) {
    for (auto it = holders_.begin(); it != holders_.end();)
      if (p != 0 && it->first.first < (uint64_t(1) << PipeTagShift) &&
          objectProcess(it->first.first) == p)
        it = holders_.erase(it);
      else
        ++it;
  }

  void eraseObject(ObjectAddr m) {
    holders_.erase(holders_.lower_bound({m, 0}),
                   holders_.lower_bound({m + 1, 0}));
  }

  std::map<std::pair<ObjectAddr, ThreadId>, uint32_t> holders_;
};

/// The locks thread t holds just before step `upTo` of the execution.
std::vector<HeldLock> locksHeldBefore(const Execution &execution,
                                      const ExecutionAnalysis &analysis,
                                      ThreadId t, uint32_t upTo);

} // namespace tangle
