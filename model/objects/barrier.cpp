// What barrier operations do. A wait is two steps: BarrierWait arrives (the
// last arrival of a round completes it and gets
// PTHREAD_BARRIER_SERIAL_THREAD, as in glibc) and BarrierLeave is enabled
// once the thread's round is complete.
#include "model/objects/barrier.h"

#include "model/machine.h"

#include <cerrno>

namespace tangle {
namespace {
constexpr int32_t SerialThread = -1; // PTHREAD_BARRIER_SERIAL_THREAD

bool arrived(const BarrierState &b, ThreadId t) {
  for (ThreadId a : b.arrived)
    if (a == t)
      return true;
  return false;
}
} // namespace

bool barrierEnabled(const BarrierState &b, ThreadId t, const Operation &op) {
  return op.kind != OpKind::BarrierLeave || !arrived(b, t);
}

Outcome barrierStep(BarrierState &b, ThreadId t, const Operation &op) {
  switch (op.kind) {
  case OpKind::BarrierInit:
    if (op.arg == 0)
      return {EINVAL, Effect::None, {AccessKind::Mutate, b.addr}};
    b.count = static_cast<uint32_t>(op.arg);
    b.arrived.clear();
    b.destroyed = false;
    return {0, Effect::None, {AccessKind::Mutate, b.addr}};
  case OpKind::BarrierDestroy:
    if (!b.arrived.empty())
      return {EBUSY, Effect::DestroyWaited, {AccessKind::Mutate, b.addr}};
    b.destroyed = true;
    return {0, Effect::None, {AccessKind::Mutate, b.addr}};
  case OpKind::BarrierWait:
    b.arrived.push_back(t);
    if (b.arrived.size() < b.count)
      return {0, Effect::Arrived, {AccessKind::Mutate, b.addr}};
    b.arrived.clear();
    ++b.round;
    return {SerialThread, Effect::Arrived, {AccessKind::Mutate, b.addr}};
  default:
    return {0, Effect::Left, {AccessKind::Observe, b.addr}};
  }
}

Access barrierAccess(const BarrierState &b, const Operation &op) {
  // Leaving only looks at the round; it is ordered after the arrival that
  // completed it, and two departures commute.
  return {op.kind == OpKind::BarrierLeave ? AccessKind::Observe
                                          : AccessKind::Mutate,
          b.addr};
}

std::string barrierCanonical(const BarrierState &b) {
  std::string text = "count=" + std::to_string(b.count) +
                     " round=" + std::to_string(b.round) + " arrived=";
  uint64_t mask = 0;
  for (ThreadId t : b.arrived)
    mask |= uint64_t(1) << (t % 64);
  return text + std::to_string(mask) + (b.destroyed ? " destroyed" : "");
}

} // namespace tangle
