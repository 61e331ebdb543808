// What message queue operations do (see message_queue.h).
#include "model/objects/message_queue.h"

#include "model/file_identity.h"
#include "model/machine.h"

#include <algorithm>
#include <cerrno>
#include <string>

namespace tangle {

namespace {

uint32_t total(const uint16_t (&counts)[MaxQueueProcesses]) {
  uint32_t n = 0;
  for (uint16_t c : counts)
    n += c;
  return n;
}

uint32_t capacityOf(const MessageQueueState &q) {
  return q.capacity ? std::min(q.capacity, MaxQueuedMessages)
                    : MaxQueuedMessages;
}

bool mayFail(const Operation &op) { return op.flags & (MqNonBlock | MqTimed); }

/// Whether a send or receive would have to wait now.
bool wouldWait(const MessageQueueState &q, const Operation &op) {
  if (op.kind == OpKind::MqSend)
    return q.count >= capacityOf(q);
  if (op.kind == OpKind::MqReceive)
    return q.count == 0;
  return false;
}

int32_t failure(const Operation &op) {
  return (op.flags & MqNonBlock) ? -EAGAIN : -ETIMEDOUT;
}

/// The message a receive takes: the highest priority, the oldest of those.
uint32_t nextMessage(const MessageQueueState &q) {
  uint32_t best = 0;
  for (uint32_t i = 1; i < q.count; ++i)
    if (q.messages[i].priority > q.messages[best].priority)
      best = i;
  return best;
}

/// First seen in this run, made before it: its messages came from
/// outside, their priorities unknown (they stand in as priority 0).
void adoptExisting(MessageQueueState &q, const Operation &op) {
  q.known = q.exists = true;
  q.capacity = uint32_t(op.arg);
  q.count = std::min(uint32_t(op.arg >> 32), capacityOf(q));
  for (uint32_t i = 0; i < q.count; ++i)
    q.messages[i] = {0, MessageFromOutside};
}

Outcome open(MessageQueueState &q, ProcessId slot, const Operation &op) {
  const Access access{AccessKind::Mutate, q.addr};
  int32_t result = 0;
  if (!q.exists) {
    if (!(op.flags & MqCreate))
      return {-ENOENT, Effect::TryFailed, {AccessKind::Observe, q.addr}};
    // A new queue; one unlinked under the same name is forgotten (its
    // remaining descriptors would share this state: not modelled).
    q = MessageQueueState{};
    q.addr = access.object;
    q.known = q.exists = true;
    q.capacity = uint32_t(op.arg);
    result = MqOpenCreated;
  } else if ((op.flags & MqCreate) && (op.flags & MqExclusive)) {
    return {-EEXIST, Effect::TryFailed, {AccessKind::Observe, q.addr}};
  }
  if (op.flags & MqForSend)
    ++q.senders[slot];
  if (op.flags & MqForReceive)
    ++q.receivers[slot];
  return {result, Effect::Created, access};
}

} // namespace

uint64_t messageQueueKey(const char *name) {
  std::string path = "/dev/mqueue/";
  path += name[0] == '/' ? name + 1 : name;
  return pathKey(path.c_str());
}

uint32_t MessageQueueState::openSenders() const { return total(senders); }
uint32_t MessageQueueState::openReceivers() const { return total(receivers); }

bool isMessageQueueOp(OpKind kind) {
  return kind >= OpKind::MqOpen && kind <= OpKind::MqGetAttr;
}

bool messageQueueEnabled(const MessageQueueState &q, const Operation &op) {
  return mayFail(op) || !wouldWait(q, op);
}

Outcome messageQueueStep(MessageQueueState &q, ProcessId self,
                         const Operation &op) {
  const Access mutate{AccessKind::Mutate, q.addr};
  const ProcessId slot = std::min(self, MaxQueueProcesses - 1);
  if ((op.kind == OpKind::MqSend || op.kind == OpKind::MqReceive) &&
      wouldWait(q, op))
    return {failure(op), Effect::TryFailed, {AccessKind::Observe, q.addr}};
  if (!q.known && (op.flags & MqExisted))
    adoptExisting(q, op);
  switch (op.kind) {
  case OpKind::MqOpen:
    return open(q, slot, op);
  case OpKind::MqSend: {
    uint32_t number = q.sent++;
    q.messages[q.count++] = {uint32_t(op.arg), number};
    return {int32_t(number), Effect::Sent, mutate};
  }
  case OpKind::MqReceive: {
    uint32_t i = nextMessage(q);
    uint32_t number = q.messages[i].number;
    std::copy(q.messages + i + 1, q.messages + q.count, q.messages + i);
    --q.count;
    return {number == MessageFromOutside ? INT32_MAX : int32_t(number),
            Effect::Received, mutate};
  }
  case OpKind::MqClose:
    if ((op.flags & MqForSend) && q.senders[slot])
      --q.senders[slot];
    if ((op.flags & MqForReceive) && q.receivers[slot])
      --q.receivers[slot];
    return {0, Effect::Closed, mutate};
  case OpKind::MqUnlink:
    if (!q.exists)
      return {-ENOENT, Effect::TryFailed, {AccessKind::Observe, q.addr}};
    q.exists = false;
    return {0, Effect::None, mutate};
  case OpKind::MqGetAttr:
    return {int32_t(q.count), Effect::None, {AccessKind::Observe, q.addr}};
  default:
    return {};
  }
}

Access messageQueueAccess(const MessageQueueState &q, const Operation &op) {
  // A look at the queue, or a non-blocking or timed send or receive that
  // fails, changes nothing: it commutes with other looks. (A blocking one
  // that waits will change the queue when it goes on.)
  bool looks = op.kind == OpKind::MqGetAttr ||
               ((op.kind == OpKind::MqSend || op.kind == OpKind::MqReceive) &&
                mayFail(op) && wouldWait(q, op));
  return {looks ? AccessKind::Observe : AccessKind::Mutate, q.addr};
}

void messageQueueFork(MessageQueueState &q, ProcessId parent, ProcessId child) {
  if (parent >= MaxQueueProcesses || child >= MaxQueueProcesses)
    return;
  q.senders[child] = q.senders[parent];
  q.receivers[child] = q.receivers[parent];
}

void messageQueueProcessEnd(MessageQueueState &q, ProcessId process) {
  if (process >= MaxQueueProcesses)
    return;
  q.senders[process] = 0;
  q.receivers[process] = 0;
}

std::string messageQueueCanonical(const MessageQueueState &q) {
  std::string text = q.exists ? "named" : "unnamed";
  text +=
      " " + std::to_string(q.count) + "/" + std::to_string(q.capacity) + " [";
  for (uint32_t i = 0; i < q.count; ++i)
    text += (i ? " " : "") + std::to_string(q.messages[i].priority) + ":" +
            std::to_string(int64_t(int32_t(q.messages[i].number)));
  text += "] ends";
  for (ProcessId p = 0; p < MaxQueueProcesses; ++p)
    if (q.senders[p] || q.receivers[p])
      text += " " + std::to_string(p) + ":" + std::to_string(q.senders[p]) +
              "s" + std::to_string(q.receivers[p]) + "r";
  return text;
}

} // namespace tangle
