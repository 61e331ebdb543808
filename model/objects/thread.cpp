// What thread operations do: create, start, join, detach, exit. glibc's
// answers to misuse are kept: joining oneself is EDEADLK, joining a detached
// or already joined thread EINVAL, an unknown thread ESRCH.
#include "model/objects/thread.h"

#include "model/machine.h"

#include <cerrno>

namespace tangle {
namespace {

bool known(const ThreadTable &threads, uint64_t id) {
  return id < threads.size();
}

Outcome join(ThreadTable &threads, ThreadId t, uint64_t target) {
  if (!known(threads, target))
    return {ESRCH, Effect::JoinInvalid, {}};
  if (target == t)
    return {EDEADLK, Effect::JoinSelf, {}};
  ThreadState &joined = threads[target];
  if (joined.detached || joined.joined)
    return {EINVAL, Effect::JoinInvalid, {}};
  joined.joined = true;
  return {0, Effect::Joined, {}};
}

} // namespace

bool isThreadOp(OpKind kind) {
  switch (kind) {
  case OpKind::ThreadStart:
  case OpKind::ThreadExit:
  case OpKind::ThreadCreate:
  case OpKind::ThreadJoin:
  case OpKind::ThreadDetach:
    return true;
  default:
    return false;
  }
}

bool isCancelOp(OpKind kind) {
  return kind == OpKind::ThreadCancel || kind == OpKind::CancelSet ||
         kind == OpKind::CancelTest;
}

bool isCancellationPoint(const Operation &op) {
  switch (op.kind) {
  case OpKind::CondWake: // the wait itself: glibc acts after releasing
  case OpKind::ThreadJoin:
  case OpKind::SemWait:
  case OpKind::SemTimedWait:
  case OpKind::PipeRead:
  case OpKind::PipeWrite:
  case OpKind::MqSend:
  case OpKind::MqReceive:
  case OpKind::ProcessWait:
  case OpKind::FileLock:
  case OpKind::CancelTest:
    return true;
  case OpKind::Yield:
    return op.flags & YieldSleep;
  default:
    return false;
  }
}

namespace {

/// Operations the asynchronous type does not interrupt: the thread's start
/// and end, and an exit that ends the process anyway.
bool asyncInterrupts(const Operation &op) {
  switch (op.kind) {
  case OpKind::ThreadStart:
  case OpKind::ThreadExit:
  case OpKind::ProcessExit:
  case OpKind::OnceDone:
    return false;
  default:
    return true;
  }
}

} // namespace

bool cancelActsAt(const ThreadState &t, const Operation &op) {
  if (!t.cancelRequested || t.cancelling)
    return false;
  bool disabled = t.cancelDisabled, async = t.cancelAsync;
  if (op.kind == OpKind::CancelSet) {
    // glibc acts at once when the call leaves cancellation enabled and
    // asynchronous with a request pending.
    if (op.flags & CancelSetState)
      disabled = op.arg != 0;
    else
      async = op.arg != 0;
    return !disabled && async;
  }
  if (disabled)
    return false;
  return isCancellationPoint(op) || (async && asyncInterrupts(op));
}

bool cancelSensitive(const ThreadState &t, const Operation &op) {
  if (t.cancelling)
    return false;
  if (op.kind == OpKind::CancelSet)
    return true;
  if (t.cancelDisabled)
    return false;
  return isCancellationPoint(op) || (t.cancelAsync && asyncInterrupts(op));
}

bool threadEnabled(const ThreadTable &threads, ThreadId t,
                   const Operation &op) {
  if (op.kind != OpKind::ThreadJoin)
    return true;
  // A join waits while its (valid, joinable) target runs.
  if (!known(threads, op.object) || op.object == t)
    return true;
  const ThreadState &target = threads[op.object];
  if (target.detached || target.joined)
    return true;
  return !target.live();
}

Outcome threadStep(ThreadTable &threads, ThreadId t, const Operation &op) {
  switch (op.kind) {
  case OpKind::ThreadStart:
    threads[t].status = ThreadStatus::Running;
    return {0, Effect::Started, {}};
  case OpKind::ThreadExit:
    threads[t].status = ThreadStatus::Exited;
    return {0, Effect::Exited, {}};
  case OpKind::ThreadJoin:
    return join(threads, t, op.object);
  case OpKind::ThreadDetach:
    if (!known(threads, op.object))
      return {ESRCH, Effect::JoinInvalid, {}};
    if (threads[op.object].detached || threads[op.object].joined)
      return {EINVAL, Effect::JoinInvalid, {}};
    threads[op.object].detached = true;
    return {0, Effect::Detached, {}};
  default:
    return {};
  }
}

ThreadId newThread(ThreadTable &threads, ThreadId parent, ProcessId process,
                   ThreadId reuse) {
  ThreadState child;
  child.parent = parent;
  child.process = process;
  child.hasPending = true;
  child.pending.kind = OpKind::ThreadStart;
  if (reuse < threads.size()) {
    threads[reuse] = child;
    return reuse;
  }
  threads.push_back(child);
  return static_cast<ThreadId>(threads.size() - 1);
}

} // namespace tangle
