// See lifetime.h. glibc answers a destroyed mutex with EINVAL (its destroy
// marks the mutex invalid); the model does the same for every kind, so that
// an execution goes on, the same way in every replay, after the misuse is
// reported.
#include "model/objects/lifetime.h"

#include "model/machine.h"

#include <cerrno>

namespace tangle {

bool hasLifetime(OpKind kind) {
  return isMutexOp(kind) || isRwLockOp(kind) || isConditionOp(kind) ||
         isSemaphoreOp(kind) || isBarrierOp(kind);
}

bool isInitOp(OpKind kind) {
  return kind == OpKind::MutexInit || kind == OpKind::RwInit ||
         kind == OpKind::CondInit || kind == OpKind::SemInit ||
         kind == OpKind::BarrierInit;
}

bool isDestroyOp(OpKind kind) {
  return kind == OpKind::MutexDestroy || kind == OpKind::RwDestroy ||
         kind == OpKind::CondDestroy || kind == OpKind::SemDestroy ||
         kind == OpKind::BarrierDestroy;
}

bool renews(const LifetimeState *lifetime, const Operation &op,
            bool destroyed) {
  if (!(op.flags & ObjectGeneration))
    return false;
  if (op.reserved == ObjectFresh)
    return destroyed;
  return op.reserved > (lifetime ? lifetime->generation : 0);
}

Access renewedAccess(const Operation &op) {
  Access a{AccessKind::Mutate, op.object};
  if (op.kind == OpKind::CondWait || op.kind == OpKind::CondWake) {
    a.kind2 = AccessKind::Mutate;
    a.object2 = op.arg;
  }
  return a;
}

Misuse lifetimeMisuse(const Operation &op, bool destroyed) {
  if (!hasLifetime(op.kind) || isInitOp(op.kind))
    return Misuse::None;
  // A condition wait's second step belongs to a wait that already began.
  if (op.kind == OpKind::CondWake || op.kind == OpKind::BarrierLeave)
    return Misuse::None;
  bool uninitialized = op.flags & ObjectUninitialized;
  if (!uninitialized && !destroyed)
    return Misuse::None;
  if (isMutexOp(op.kind) || (isBarrierOp(op.kind) && uninitialized))
    return Misuse::Fail;
  return Misuse::Report;
}

Effect misuseEffect(const Operation &op) {
  return (op.flags & ObjectUninitialized) ? Effect::Uninitialized
                                          : Effect::UsedDestroyed;
}

Outcome failedOutcome(const Operation &op, bool destroyed) {
  (void)destroyed;
  int32_t error = op.kind == OpKind::SemGetValue ? -EINVAL : EINVAL;
  Effect effect = misuseEffect(op);
  return {error, effect, {AccessKind::Mutate, op.object}, effect};
}

} // namespace tangle
