// What pthread_once does: OnceEnter returns 1 to the first caller, which
// runs the routine and then posts OnceDone; later callers wait until then
// and get 0. A done once whose memory holds a fresh initializer again
// (OnceFresh) is a new object: its first caller runs the routine. A routine
// that threw (OnceAbandoned) leaves the once as it was before, not done.
#include "model/objects/once.h"

#include "model/machine.h"

namespace tangle {

bool isOnceOp(OpKind kind) {
  return kind == OpKind::OnceEnter || kind == OpKind::OnceDone;
}

bool onceEnabled(const OnceState &o, const Operation &op) {
  return op.kind != OpKind::OnceEnter || o.runner == NoThread;
}

Outcome onceStep(OnceState &o, ThreadId t, const Operation &op) {
  if (op.kind == OpKind::OnceDone) {
    o.runner = NoThread;
    o.done = !(op.flags & OnceAbandoned);
    return {0, Effect::None, {AccessKind::Mutate, o.addr}};
  }
  if (o.done && (op.flags & OnceFresh))
    o.done = false; // the old object's memory holds a new once
  if (o.done)
    return {0, Effect::None, {AccessKind::Observe, o.addr}};
  o.runner = t;
  return {1, Effect::OnceRun, {AccessKind::Mutate, o.addr}};
}

std::string onceCanonical(const OnceState &o) {
  return o.done                 ? "done"
         : o.runner == NoThread ? "new"
                                : "running " + std::to_string(o.runner);
}

} // namespace tangle
