// What semaphore operations do. sem_wait blocks at zero; sem_trywait fails
// with EAGAIN and sem_timedwait with ETIMEDOUT (a timeout is explored by
// scheduling the timed wait while the value is zero).
#include "model/objects/semaphore.h"

#include "model/machine.h"

#include <cerrno>

namespace tangle {

namespace {
/// A blocking wait that goes on commutes with a post (the post cannot have
/// been what let it go on without being before it anyway); a try that
/// succeeds does not: before the post it would have failed.
AccessKind successKind(OpKind kind) {
  return kind == OpKind::SemWait ? AccessKind::Acquire : AccessKind::Mutate;
}
} // namespace

bool semaphoreEnabled(const SemaphoreState &s, const Operation &op) {
  return op.kind != OpKind::SemWait || s.value > 0;
}

Outcome semaphoreStep(SemaphoreState &s, const Operation &op, bool waiters) {
  switch (op.kind) {
  case OpKind::SemInit:
    // sem_open of a named semaphore that exists leaves its value alone.
    if ((op.flags & SemOpened) && s.opened)
      return {0, Effect::None, {AccessKind::Mutate, s.addr}};
    s.opened = (op.flags & SemOpened) != 0;
    s.value = op.arg;
    s.destroyed = false;
    return {0, Effect::None, {AccessKind::Mutate, s.addr}};
  case OpKind::SemDestroy:
    s.destroyed = true;
    return {0,
            waiters ? Effect::DestroyWaited : Effect::None,
            {AccessKind::Mutate, s.addr}};
  case OpKind::SemPost:
    ++s.value;
    return {0, Effect::Posted, {AccessKind::OwnerRelease, s.addr}};
  case OpKind::SemGetValue:
    return {static_cast<int32_t>(s.value),
            Effect::None,
            {AccessKind::Observe, s.addr}};
  default:
    if (s.value > 0) {
      --s.value;
      return {0, Effect::Decremented, {successKind(op.kind), s.addr}};
    }
    return {op.kind == OpKind::SemTimedWait ? ETIMEDOUT : EAGAIN,
            Effect::TryFailed,
            {AccessKind::Observe, s.addr}};
  }
}

Access semaphoreAccess(const SemaphoreState &s, const Operation &op) {
  // A post commutes with a successful wait (both enabled means the value
  // is positive) and with another post, so it counts as a release; a
  // failed try observes the value and conflicts with posts.
  switch (op.kind) {
  case OpKind::SemInit:
  case OpKind::SemDestroy:
    return {AccessKind::Mutate, s.addr};
  case OpKind::SemPost:
    return {AccessKind::OwnerRelease, s.addr};
  case OpKind::SemGetValue:
    return {AccessKind::Observe, s.addr};
  case OpKind::SemWait:
    return {AccessKind::Acquire, s.addr};
  default:
    return {s.value > 0 ? successKind(op.kind) : AccessKind::Observe, s.addr};
  }
}

std::string semaphoreCanonical(const SemaphoreState &s) {
  return "value=" + std::to_string(s.value) + (s.destroyed ? " destroyed" : "");
}

} // namespace tangle
