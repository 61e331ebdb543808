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
