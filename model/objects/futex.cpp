// What futex operations do. A FUTEX_WAIT is two steps, like a condition
// wait. FutexWait compares and queues: the runtime read the word just
// before it executed (nothing else runs in between), and when the value was
// no longer the expected one the flag FutexValueChanged says so and the
// wait fails with EAGAIN, as the kernel's does. Otherwise the thread joins
// the waiters, and its FutexResume is enabled once a FUTEX_WAKE chose it (or
// at any time for a timed wait, which then times out). FUTEX_WAKE wakes up
// to `count` waiters whose bitset meets its own, in the order they started
// waiting, and returns how many it woke.
#include "model/objects/futex.h"

#include "model/machine.h"

#include <cerrno>

namespace tangle {
namespace {

int findWaiter(const FutexState &f, ThreadId t) {
  for (uint32_t i = 0; i < f.waiters.size(); ++i)
    if (f.waiters[i].thread == t)
      return int(i);
  return -1;
}

bool woken(const FutexState &f, ThreadId t) {
  int w = findWaiter(f, t);
  // Not a waiter any more: nothing to wait for.
  return w < 0 || f.waiters[w].woken;
}

/// A wake, or a resume without one, changes the word's wait queue only.
Access queueAccess(const FutexState &f) {
  return {AccessKind::FutexQueue, f.addr};
}

/// A wait reads the word's value, which the atomics on it change, and
/// queues (or, the value changed, finds it changed: which of the two is
/// decided only as it runs, after the explorer asked what it touches).
Access waitAccess(const FutexState &f) {
  return {AccessKind::FutexQueue, f.addr, AccessKind::Observe, f.addr};
}

} // namespace

bool isFutexOp(OpKind kind) {
  return kind == OpKind::FutexWait || kind == OpKind::FutexResume ||
         kind == OpKind::FutexWake;
}

bool futexEnabled(const FutexState &f, ThreadId t, const Operation &op,
                  bool spuriousWakeups) {
  if (op.kind != OpKind::FutexResume)
    return true;
  return woken(f, t) || (op.flags & FutexTimed) || spuriousWakeups;
}

Outcome futexStep(FutexState &f, ThreadId t, const Operation &op) {
  const Access change = queueAccess(f);
  switch (op.kind) {
  case OpKind::FutexWait:
    if (op.flags & FutexValueChanged)
      return {EAGAIN, Effect::FutexValueChanged, waitAccess(f)};
    f.waiters.push_back(
        {t, futexBitset(op), (op.flags & FutexTimed) != 0, false});
    return {0, Effect::FutexQueued, waitAccess(f)};
  case OpKind::FutexResume: {
    int w = findWaiter(f, t);
    if (w < 0)
      return {0, Effect::Woken, {}};
    bool wasWoken = f.waiters[w].woken;
    removeAt(f.waiters, uint32_t(w));
    if (wasWoken)
      return {0, Effect::Woken, {}};
    // Not chosen by a wake: a timeout, or a spurious wake-up (EINTR).
    if (op.flags & FutexTimed)
      return {ETIMEDOUT, Effect::TimedOut, change};
    return {EINTR, Effect::SpuriousWake, change};
  }
  case OpKind::FutexWake: {
    uint32_t count = futexWakeCount(op), done = 0;
    for (FutexWaiter &w : f.waiters)
      if (done < count && !w.woken && (w.bitset & futexBitset(op))) {
        w.woken = true;
        ++done;
      }
    return {int32_t(done), done ? Effect::Signalled : Effect::SignalLost,
            change};
  }
  default:
    return {};
  }
}

Access futexAccess(const FutexState &f, ThreadId t, const Operation &op) {
  // Must classify exactly as futexStep will. A woken waiter's resume changes
  // nothing another thread can see: the wake already chose it.
  if (op.kind == OpKind::FutexResume && woken(f, t))
    return {};
  return op.kind == OpKind::FutexWait ? waitAccess(f) : queueAccess(f);
}

bool futexResumeWithoutWake(const FutexState &f, ThreadId t) {
  return !woken(f, t);
}

std::string futexCanonical(const FutexState &f) {
  std::string text = "waiters";
  for (const FutexWaiter &w : f.waiters)
    text += " " + std::to_string(w.thread) + (w.woken ? "(woken)" : "") +
            (w.timed ? "(timed)" : "");
  return text;
}

} // namespace tangle
