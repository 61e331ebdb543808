// Atomic variables (C11 _Atomic, std::atomic, the __atomic builtins): every
// operation on one is a visible operation, explored under sequential
// consistency. The model does not hold values; the accessing thread tells it
// afterwards whether its operation changed the value
// (Machine::completeAtomic), which is all it needs to recognise a spin loop.
//
// A spin loop (`while (!atomic_load(&ready));`, a test-and-set lock) goes
// round forever if the scheduler keeps choosing the spinning thread. So an
// atomic operation at an instruction and on a variable the thread saw
// before, with nothing the loop read since changed (SpinState), is one more
// turn of a retry loop: it reads what it read last time. It counts as a
// failed try (ThreadState::failedTries), and past the retry bound the
// scheduler lets other threads run first, as for a trylock loop (see
// schedulable() and SpinLimit in explore/scheduler.h).
//
// A *blind update* is a read-modify-write whose result the program never
// uses (`counter.fetch_add(1);`, `atomic_fetch_or(&f, m);`, `c++;` as a
// statement): the runtime marks it (AtomicBlind) when its call site is one
// the compiler-side pass found (model/blind_sites.h). Two blind updates of
// one kind on one variable commute -- whichever runs first, the value ends
// the same and nobody saw the one in between -- so they are independent
// (AccessKind::BlindAdd...) and the reduction explores one order of them.
// They conflict with everything else on the variable: loads, stores,
// exchanges, compare-exchanges, updates of another kind and updates whose
// result is used.
#pragma once

#include "model/event.h"

#include <cstdint>
#include <string>

namespace tangle {

struct Access;
struct Outcome;
enum class AccessKind : uint8_t;

struct AtomicState {
  ObjectAddr addr = 0;
  uint64_t changes = 0; // operations that changed the value so far
};

/// A thread's atomic operations since it last changed a value or did
/// anything else but yield: a loop may spin on more than one variable. The
/// pending operation at instruction pc on variable v repeats an earlier
/// turn when the thread saw v at pc before, and neither v nor anything it
/// saw since then (the loop's body) has changed: it will read what it read
/// then, and go round again.
struct SpinState {
  static constexpr int Size = 8;
  struct Seen {
    ObjectAddr object = 0;
    uint64_t pc = 0;
    uint64_t changes = 0; // the variable's changes when last seen here
    uint32_t when = 0;    // SpinState::clock then
  } seen[Size];
  uint8_t count = 0; // valid entries
  uint8_t next = 0;  // where the next one goes once all are used
  uint32_t clock = 0;

  void clear() { count = next = 0; }
  const Seen *find(ObjectAddr object, uint64_t pc) const;
  /// Notes that the thread saw `object` at `pc` with `changes` changes.
  void saw(ObjectAddr object, uint64_t pc, uint64_t changes);
};

bool isAtomicOp(OpKind kind);
/// An AtomicRmw marked blind, of an update that commutes with itself.
bool isBlindUpdate(const Operation &op);
bool isBlindUpdate(AccessKind kind);
/// The access kind of a blind update (AccessKind::None for
/// AtomicUpdate::None).
AccessKind blindAccessKind(AtomicUpdate update);

/// Whether a blind update reports a change (AtomicChanged): when its
/// operand is not the identity of its update (`bytes` wide), whatever the
/// value was. Which of two commuting updates changes the value can depend
/// on their order (`x |= 1` twice: only the first does), and the model's
/// state after them must not (spin state, change counts), or the orders
/// the reduction treats as one would differ.
bool blindUpdateChanges(AtomicUpdate update, uint64_t operand, unsigned bytes);

/// A load observes; a store or read-modify-write may change the value. (A
/// failed compare-exchange changed nothing, but whether it fails is known
/// only once it ran: dependence is decided before.) A blind update commutes
/// with others of its kind (see above).
Access atomicAccess(const AtomicState &a, const Operation &op);
Outcome atomicStep(AtomicState &a, const Operation &op);
std::string atomicCanonical(const AtomicState &a);

} // namespace tangle
