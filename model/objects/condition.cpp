// What condition operations do. A wait is two steps: CondWait releases the
// mutex and joins the waiters (always enabled); CondWake re-acquires the
// mutex and is enabled only when the mutex is free and the waiter may wake:
// a signal sent after it started waiting is still untaken, a broadcast
// woke it, it is a timed wait (it may time out), or spurious wake-ups are
// explored. Which waiter takes a signal is thus a scheduling choice. A
// signal nobody can take is lost, as in glibc.
#include "model/objects/condition.h"

#include "model/machine.h"

#include <algorithm>
#include <cerrno>

namespace tangle {
namespace {

int findWaiter(const ConditionState &c, ThreadId t) {
  for (uint32_t i = 0; i < c.waiters.size(); ++i)
    if (c.waiters[i].thread == t)
      return static_cast<int>(i);
  return -1;
}

/// The earliest untaken signal that waiter w may take, or -1. Taking the
/// earliest is never worse: the signals a waiter may take are those sent
/// after it started waiting, so later signals can serve strictly more
/// waiters.
int signalFor(const ConditionState &c, const CondWaiter &w) {
  for (uint32_t i = 0; i < c.signals.size(); ++i)
    if (c.signals[i] > w.since)
      return static_cast<int>(i);
  return -1;
}

bool mayWake(const ConditionState &c, ThreadId t) {
  int w = findWaiter(c, t);
  if (w < 0)
    return true; // not a waiter (the condition was re-initialised): go on
  const CondWaiter &waiter = c.waiters[w];
  return waiter.notified || signalFor(c, waiter) >= 0;
}

bool mutexFreeFor(const MutexState *m, ThreadId t) {
  return !m || !m->held() || (m->owner == t && m->recursive());
}

/// Drops signals that no remaining waiter can take any more (their waiters
/// timed out or woke spuriously): the i-th earliest signal needs i waiters
/// that started waiting before it.
void dropUntakeable(ConditionState &c) {
  for (uint32_t i = 0; i < c.signals.size();) {
    uint32_t eligible = 0;
    for (const CondWaiter &w : c.waiters)
      eligible += !w.notified && w.since < c.signals[i];
    if (eligible < i + 1) {
      removeAt(c.signals, i);
      ++c.lostSignals;
    } else {
      ++i;
    }
  }
}

/// Waiters that a new signal could still wake: not notified and not already
/// covered by an untaken signal.
uint32_t uncoveredWaiters(const ConditionState &c) {
  uint32_t waiting = 0;
  for (const CondWaiter &w : c.waiters)
    waiting += !w.notified;
  return waiting > c.signals.size() ? waiting - c.signals.size() : 0;
}

Access withMutex(AccessKind kind, const ConditionState &c, AccessKind mutexKind,
                 ObjectAddr mutex) {
  return {kind, c.addr, mutexKind, mutex};
}

Outcome wait(ConditionState &c, MutexState *m, ThreadId t,
             const Operation &op) {
  Effect effect = Effect::CondWaited;
  AccessKind mutexKind = AccessKind::OwnerRelease;
  if (!m || m->owner != t) {
    // glibc would release a normal mutex someone else holds; the model
    // leaves it alone and reports the misuse.
    effect = Effect::CondWaitUnlocked;
    mutexKind = AccessKind::Mutate;
  } else if (m->count > 1) {
    // glibc releases one level of a recursive mutex: it stays held.
    --m->count;
    effect = Effect::CondWaitRecursive;
  } else {
    m->owner = NoThread;
    m->count = 0;
    if (c.mutex && c.mutex != op.arg)
      effect = Effect::CondTwoMutexes;
  }
  if (!c.mutex)
    c.mutex = op.arg;
  CondWaiter w;
  w.thread = t;
  w.since = ++c.clock;
  w.timed = op.flags & CondTimed;
  c.waiters.push_back(w);
  return {0, effect, withMutex(AccessKind::Observe, c, mutexKind, op.arg)};
}

Outcome wake(ConditionState &c, MutexState *m, ThreadId t) {
  Effect effect = Effect::Woken;
  int32_t result = 0;
  int w = findWaiter(c, t);
  if (w >= 0) {
    CondWaiter waiter = c.waiters[w];
    int s = waiter.notified ? -1 : signalFor(c, waiter);
    if (s >= 0)
      removeAt(c.signals, static_cast<uint32_t>(s));
    else if (!waiter.notified) {
      effect = waiter.timed ? Effect::TimedOut : Effect::SpuriousWake;
      result = waiter.timed ? ETIMEDOUT : 0;
    }
    removeAt(c.waiters, static_cast<uint32_t>(w));
    dropUntakeable(c);
  }
  if (m) {
    if (m->owner == t) {
      ++m->count;
    } else {
      m->owner = t;
      m->count = 1;
    }
  }
  return {
      result, effect,
      withMutex(AccessKind::Mutate, c, AccessKind::Acquire, m ? m->addr : 0)};
}

Outcome notify(ConditionState &c, bool broadcast) {
  ++c.clock;
  if (uncoveredWaiters(c) == 0) {
    ++c.lostSignals;
    return {0, Effect::SignalLost, {AccessKind::Unheard, c.addr}};
  }
  if (broadcast) {
    for (CondWaiter &w : c.waiters)
      w.notified = true;
    c.signals.clear(); // every waiter is woken: no signal is pending
  } else {
    c.signals.push_back(c.clock);
  }
  return {0, Effect::Signalled, {AccessKind::Mutate, c.addr}};
}

} // namespace

bool conditionEnabled(const ConditionState &c, const MutexState *m, ThreadId t,
                      const Operation &op, bool spuriousWakeups) {
  if (op.kind != OpKind::CondWake)
    return true;
  if (!mutexFreeFor(m, t))
    return false;
  if (spuriousWakeups || mayWake(c, t))
    return true;
  int w = findWaiter(c, t);
  return w >= 0 && c.waiters[w].timed;
}

Outcome conditionStep(ConditionState &c, MutexState *m, ThreadId t,
                      const Operation &op) {
  switch (op.kind) {
  case OpKind::CondInit: {
    ObjectAddr addr = c.addr;
    c = ConditionState();
    c.addr = addr;
    return {0, Effect::None, {AccessKind::Mutate, addr}};
  }
  case OpKind::CondDestroy:
    if (c.waiters.size())
      return {EBUSY, Effect::DestroyWaited, {AccessKind::Mutate, c.addr}};
    c.destroyed = true;
    return {0, Effect::None, {AccessKind::Mutate, c.addr}};
  case OpKind::CondWait:
    return wait(c, m, t, op);
  case OpKind::CondWake:
    return wake(c, m, t);
  case OpKind::CondSignal:
    return notify(c, false);
  default:
    return notify(c, true);
  }
}

Access conditionAccess(const ConditionState &c, const MutexState *m, ThreadId t,
                       const Operation &op) {
  switch (op.kind) {
  case OpKind::CondWait: {
    // Two waits commute: neither changes what the other does.
    bool owner = m && m->owner == t;
    return withMutex(AccessKind::Observe, c,
                     owner ? AccessKind::OwnerRelease : AccessKind::Mutate,
                     op.arg);
  }
  case OpKind::CondWake:
    return withMutex(AccessKind::Mutate, c, AccessKind::Acquire, op.arg);
  case OpKind::CondSignal:
  case OpKind::CondBroadcast:
    // As notify() will find it: nobody to wake, or a change.
    return {uncoveredWaiters(c) ? AccessKind::Mutate : AccessKind::Unheard,
            c.addr};
  default:
    return {AccessKind::Mutate, c.addr};
  }
}

Access conditionCancelWake(ConditionState &c, MutexState &m, ThreadId t) {
  int w = findWaiter(c, t);
  if (w >= 0) {
    removeAt(c.waiters, static_cast<uint32_t>(w));
    dropUntakeable(c);
  }
  if (m.owner == t) {
    ++m.count;
  } else {
    m.owner = t;
    m.count = 1;
  }
  return withMutex(AccessKind::Mutate, c, AccessKind::Acquire, m.addr);
}

bool conditionWakeWithoutSignal(const ConditionState &c, ThreadId t) {
  return !mayWake(c, t);
}

std::string conditionCanonical(const ConditionState &c) {
  // Clock values are not state: only which waiters may take how many of
  // the untaken signals is.
  std::vector<std::string> waiters;
  for (const CondWaiter &w : c.waiters) {
    uint32_t takeable = 0;
    for (uint64_t s : c.signals)
      takeable += s > w.since;
    waiters.push_back(std::to_string(w.thread) + (w.timed ? "t" : "") +
                      (w.notified ? "n" : "") + ":" + std::to_string(takeable));
  }
  std::sort(waiters.begin(), waiters.end());
  std::string text = "waiters[";
  for (const std::string &w : waiters)
    text += w + " ";
  text += "] signals=" + std::to_string(c.signals.size());
  if (c.destroyed)
    text += " destroyed";
  return text;
}

} // namespace tangle
