// What an atomic operation does in the model: see atomic.h.
#include "model/objects/atomic.h"

#include "model/machine.h"

namespace tangle {

bool isAtomicOp(OpKind kind) {
  return kind >= OpKind::AtomicLoad && kind <= OpKind::AtomicRmw;
}

bool isBlindUpdate(const Operation &op) {
  return op.kind == OpKind::AtomicRmw && (op.flags & AtomicBlind) &&
         atomicUpdateOf(op.flags) != AtomicUpdate::None;
}

bool isBlindUpdate(AccessKind kind) {
  return kind == AccessKind::BlindAdd || kind == AccessKind::BlindOr ||
         kind == AccessKind::BlindAnd || kind == AccessKind::BlindXor;
}

AccessKind blindAccessKind(AtomicUpdate update) {
  switch (update) {
  case AtomicUpdate::Add:
    return AccessKind::BlindAdd;
  case AtomicUpdate::Or:
    return AccessKind::BlindOr;
  case AtomicUpdate::And:
    return AccessKind::BlindAnd;
  case AtomicUpdate::Xor:
    return AccessKind::BlindXor;
  case AtomicUpdate::None:
    break;
  }
  return AccessKind::None;
}

bool blindUpdateChanges(AtomicUpdate update, uint64_t operand, unsigned bytes) {
  uint64_t all = bytes >= 8 ? ~uint64_t(0) : (uint64_t(1) << 8 * bytes) - 1;
  operand &= all;
  return update == AtomicUpdate::And ? operand != all : operand != 0;
}

Access atomicAccess(const AtomicState &a, const Operation &op) {
  if (op.kind == OpKind::AtomicLoad)
    return {AccessKind::Observe, a.addr};
  if (isBlindUpdate(op))
    return {blindAccessKind(atomicUpdateOf(op.flags)), a.addr};
  return {AccessKind::Mutate, a.addr};
}

Outcome atomicStep(AtomicState &a, const Operation &op) {
  return {0,
          op.kind == OpKind::AtomicLoad ? Effect::AtomicRead
                                        : Effect::AtomicWritten,
          atomicAccess(a, op)};
}

const SpinState::Seen *SpinState::find(ObjectAddr object, uint64_t pc) const {
  for (int i = 0; i < count; ++i)
    if (seen[i].object == object && seen[i].pc == pc)
      return &seen[i];
  return nullptr;
}

void SpinState::saw(ObjectAddr object, uint64_t pc, uint64_t changes) {
  ++clock;
  for (int i = 0; i < count; ++i)
    if (seen[i].object == object && seen[i].pc == pc) {
      seen[i].changes = changes;
      seen[i].when = clock;
      return;
    }
  // A new entry; once all are used, the oldest-placed one goes.
  if (count < Size) {
    seen[count++] = {object, pc, changes, clock};
    return;
  }
  seen[next] = {object, pc, changes, clock};
  next = uint8_t((next + 1) % Size);
}

std::string atomicCanonical(const AtomicState &a) {
  return std::to_string(a.changes) + " changes";
}

} // namespace tangle
