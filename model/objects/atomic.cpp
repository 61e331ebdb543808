// What an atomic operation does in the model: see atomic.h.
#include "model/objects/atomic.h"

#include "model/machine.h"

namespace tangle {

bool isAtomicOp(OpKind kind) {
  return kind >= OpKind::AtomicLoad && kind <= OpKind::AtomicRmw;
}

Access atomicAccess(const AtomicState &a, const Operation &op) {
  return {op.kind == OpKind::AtomicLoad ? AccessKind::Observe
                                        : AccessKind::Mutate,
          a.addr};
}

Outcome atomicStep(AtomicState &a, const Operation &op) {
  return {0,
          op.kind == OpKind::AtomicLoad ? Effect::AtomicRead
                                        : Effect::AtomicWritten,
          atomicAccess(a, op)};
}

namespace {
/// The entry for this instruction on this variable, if any.
template <typename Spin>
auto seenAt(Spin &spin, ObjectAddr object, uint64_t pc) -> decltype(&spin.seen[0]) {
  for (int i = 0; i < spin.count; ++i)
    if (spin.seen[i].object == object && spin.seen[i].pc == pc)
      return &spin.seen[i];
  return nullptr;
}
} // namespace

bool atomicComplete(AtomicState &a, SpinState &spin, const Operation &op,
                    bool changed) {
  if (changed) {
    // The thread made progress: whatever it saw before is no spin.
    ++a.changes;
    spin.count = spin.next = 0;
    return false;
  }
  if (SpinState::Seen *seen = seenAt(spin, a.addr, op.arg)) {
    bool repeat = seen->changes == a.changes;
    seen->changes = a.changes;
    return repeat;
  }
  spin.seen[spin.next] = {a.addr, op.arg, a.changes};
  spin.next = uint8_t((spin.next + 1) % SpinState::Size);
  if (spin.count < SpinState::Size)
    ++spin.count;
  return false;
}

bool atomicWouldRepeat(const AtomicState *a, const SpinState &spin,
                       const Operation &op) {
  const SpinState::Seen *seen = seenAt(spin, op.object, op.arg);
  return seen && seen->changes == (a ? a->changes : 0);
}

std::string atomicCanonical(const AtomicState &a) {
  return std::to_string(a.changes) + " changes";
}

} // namespace tangle
