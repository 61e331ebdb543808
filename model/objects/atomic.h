// Atomic variables (C11 _Atomic, std::atomic, the __atomic builtins): every
// operation on one is a visible operation, explored under sequential
// consistency. The model does not hold values; the accessing thread tells it
// afterwards whether its operation changed the value (atomicComplete), which
// is all it needs to recognise a spin loop.
//
// A spin loop (`while (!atomic_load(&ready));`, a test-and-set lock) goes
// round forever if the scheduler keeps choosing the spinning thread. So an
// atomic operation at the same instruction and on the same variable as the
// thread's previous one, which changed nothing, with nothing changed since,
// is one more turn of a retry loop: it reads what it read last time. It
// counts as a failed try (ThreadState::failedTries), and past the retry bound
// the scheduler lets other threads run first, as for a trylock loop (see
// schedulable() in explore/scheduler.h).
#pragma once

#include "model/event.h"

#include <cstdint>
#include <string>

namespace tangle {

struct Access;
struct Outcome;

struct AtomicState {
  ObjectAddr addr = 0;
  uint64_t changes = 0; // operations that changed the value so far
};

/// A thread's last atomic operations since it last changed a value (a loop
/// may spin on more than one variable): a repeat of one of them, at the same
/// instruction on the same variable while its `changes` stay the same, reads
/// the same value again.
struct SpinState {
  static constexpr int Size = 4;
  struct Seen {
    ObjectAddr object = 0;
    uint64_t pc = 0;
    uint64_t changes = 0;
  } seen[Size];
  uint8_t count = 0; // valid entries
  uint8_t next = 0;  // where the next one goes
};

bool isAtomicOp(OpKind kind);
/// A load observes; a store or read-modify-write may change the value. (A
/// failed compare-exchange changed nothing, but whether it fails is known
/// only once it ran: dependence is decided before.)
Access atomicAccess(const AtomicState &a, const Operation &op);
Outcome atomicStep(AtomicState &a, const Operation &op);
/// The thread's operation `op` on `a` ran; `changed` says whether it changed
/// the value. Returns true when it was a repeat (one more turn of a spin).
bool atomicComplete(AtomicState &a, SpinState &spin, const Operation &op,
                    bool changed);
/// Whether op, pending for a thread in `spin`, would read what that thread
/// read last time at the same instruction.
bool atomicWouldRepeat(const AtomicState *a, const SpinState &spin,
                       const Operation &op);
std::string atomicCanonical(const AtomicState &a);

} // namespace tangle
