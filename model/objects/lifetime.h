// The lifetime of a pthread object (mutex, rwlock, condition, semaphore,
// barrier): an operation on one that was never initialised, or that was
// destroyed, fails with EINVAL and is reported (lock.uninitialized,
// sem.uninitialized), whatever the object's kind would do with it.
#pragma once

#include "model/event.h"

namespace tangle {

struct Outcome;
struct Access;
enum class Effect : uint8_t;

/// Which object lives at an address now: generations count the times the
/// program initialised it (model/event.h, ObjectGeneration).
struct LifetimeState {
  ObjectAddr addr = 0;
  uint32_t generation = 0;
};

/// Whether op starts a new object at its address (a newer generation; for a
/// condition, a fresh initializer on a destroyed one): the old object's
/// state is dropped before op executes.
bool renews(const LifetimeState *lifetime, const Operation &op, bool destroyed);

/// How an operation that renews its object touches it: a change to
/// everything (and for a condition wait, to its mutex).
Access renewedAccess(const Operation &op);

/// Whether op is an operation on an object whose lifetime is checked.
bool hasLifetime(OpKind kind);
bool isInitOp(OpKind kind);
bool isDestroyOp(OpKind kind);

/// Lifetime misuse of op: the runtime found the memory uninitialised
/// (ObjectUninitialized), or the object is `destroyed`.
enum class Misuse : uint8_t {
  None,
  Fail,   // the call fails with EINVAL and does nothing (glibc's answer for
          // a destroyed mutex; the model's for garbage in a mutex or a
          // barrier that was never initialised); always enabled
  Report, // it works as it would on a live object (glibc's destroy of a
          // semaphore, condition or rwlock changes nothing), and is reported
};
Misuse lifetimeMisuse(const Operation &op, bool destroyed);

/// The outcome of a Misuse::Fail (EINVAL; -EINVAL for SemGetValue, whose
/// result is the value), or the effect to report for a Misuse::Report.
Outcome failedOutcome(const Operation &op, bool destroyed);
Effect misuseEffect(const Operation &op);

} // namespace tangle
