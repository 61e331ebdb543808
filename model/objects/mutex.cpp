// What each mutex operation does, for every mutex type, following glibc:
// a normal or default mutex relocked by its owner blocks forever; an
// errorcheck one returns EDEADLK; a recursive one counts. Releasing a mutex
// one does not hold releases it for normal/default types (glibc does not
// check) and fails with EPERM for the checking types.
#include "model/objects/mutex.h"

#include "model/machine.h"

#include <cerrno>

namespace tangle {
namespace {

/// How a successful acquisition touches the mutex. A blocking lock is an
/// Acquire: it is never enabled together with the owner's release. A try or
/// timed lock is enabled while the mutex is held too (and then fails), so
/// its success conflicts with that release: count it as a change.
AccessKind acquiredKind(OpKind kind) {
  return kind == OpKind::MutexLock ? AccessKind::Acquire : AccessKind::Mutate;
}

Outcome acquire(MutexState &m, ThreadId t, OpKind kind) {
  if (!m.held()) {
    m.owner = t;
    m.count = 1;
    return {0, Effect::Acquired, {acquiredKind(kind), m.addr}};
  }
  if (m.owner == t) {
    if (m.recursive()) {
      ++m.count;
      return {0, Effect::Reacquired, {acquiredKind(kind), m.addr}};
    }
    if (kind == OpKind::MutexTryLock) // trylock never deadlocks: EBUSY
      return {EBUSY, Effect::TryFailed, {AccessKind::Observe, m.addr}};
    // errorcheck: EDEADLK; timedlock on a normal mutex times out.
    int result = m.type == MutexType::ErrorCheck ? EDEADLK : ETIMEDOUT;
    return {result, Effect::RelockErrorCheck, {AccessKind::Observe, m.addr}};
  }
  int result = kind == OpKind::MutexTimedLock ? ETIMEDOUT : EBUSY;
  return {result, Effect::TryFailed, {AccessKind::Observe, m.addr}};
}

Outcome release(MutexState &m, ThreadId t) {
  bool checking = m.type == MutexType::ErrorCheck || m.recursive();
  if (m.owner == t) {
    if (m.count > 1) {
      --m.count;
      return {0, Effect::ReleasedOne, {AccessKind::OwnerRelease, m.addr}};
    }
    m.owner = NoThread;
    m.count = 0;
    return {0, Effect::Released, {AccessKind::OwnerRelease, m.addr}};
  }
  if (!m.held()) {
    Effect effect =
        m.recursive() ? Effect::RecursiveUnbalanced : Effect::UnlockUnlocked;
    return {checking ? EPERM : 0, effect, {AccessKind::Mutate, m.addr}};
  }
  if (!checking) { // glibc releases a normal mutex whoever asks
    m.owner = NoThread;
    m.count = 0;
  }
  return {checking ? EPERM : 0,
          Effect::UnlockNotOwner,
          {AccessKind::Mutate, m.addr}};
}

} // namespace

bool mutexEnabled(const MutexState &m, ThreadId t, const Operation &op) {
  if (op.kind != OpKind::MutexLock || !m.held())
    return true;
  if (m.owner != t)
    return false;
  // Relock by the owner: only a normal/default mutex blocks (forever).
  return m.recursive() || m.type == MutexType::ErrorCheck;
}

Outcome mutexStep(MutexState &m, ThreadId t, const Operation &op) {
  switch (op.kind) {
  case OpKind::MutexInit:
    m.type = static_cast<MutexType>(op.arg);
    m.owner = NoThread;
    m.count = 0;
    m.destroyed = false;
    return {0, Effect::None, {AccessKind::Mutate, m.addr}};
  case OpKind::MutexDestroy:
    if (m.held())
      return {EBUSY, Effect::DestroyLocked, {AccessKind::Mutate, m.addr}};
    m.destroyed = true;
    return {0, Effect::None, {AccessKind::Mutate, m.addr}};
  case OpKind::MutexUnlock:
    return release(m, t);
  default:
    return acquire(m, t, op.kind);
  }
}

Access mutexAccess(const MutexState &m, ThreadId t, const Operation &op) {
  switch (op.kind) {
  case OpKind::MutexInit:
  case OpKind::MutexDestroy:
    return {AccessKind::Mutate, m.addr};
  case OpKind::MutexUnlock:
    return {m.owner == t ? AccessKind::OwnerRelease : AccessKind::Mutate,
            m.addr};
  case OpKind::MutexLock:
    // Must classify exactly as mutexStep will (see acquire()).
    if (m.owner == t && !m.recursive() && m.type == MutexType::ErrorCheck)
      return {AccessKind::Observe, m.addr};
    return {AccessKind::Acquire, m.addr};
  default:
    if (!m.held() || (m.owner == t && m.recursive()))
      return {acquiredKind(op.kind), m.addr};
    return {AccessKind::Observe, m.addr};
  }
}

} // namespace tangle
