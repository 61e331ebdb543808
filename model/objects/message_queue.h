// POSIX message queues: a named queue of at most mq_maxmsg messages, the
// same object in every process. A receive waits while the queue is empty
// and a send while it is full, unless the descriptor is O_NONBLOCK (EAGAIN)
// or the call is timed (it may time out instead). Messages leave highest
// priority first, oldest first among equals; the bytes go through the real
// queue, the model keeps each message's priority and number (which send it
// was, for happens-before) and which processes may still send or receive.
#pragma once

#include "model/event.h"

#include <cstdint>
#include <string>

namespace tangle {

struct Outcome;

/// Messages the model keeps in one queue (Linux's default mq_maxmsg is 10;
/// the runtime refuses queues larger than this).
constexpr uint32_t MaxQueuedMessages = 64;
/// The number of a message the queue held before the run: nobody in the
/// run sent it.
constexpr uint32_t MessageFromOutside = UINT32_MAX;
/// MqOpen's result when it created the queue (0 when it opened one).
constexpr int32_t MqOpenCreated = 1;
/// Processes whose descriptors a queue tracks (as for pipes).
constexpr ProcessId MaxQueueProcesses = MaxProcesses;

/// The key of the queue named `name` ("/jobs"): the same in every process,
/// a file key (model/file_identity.h) of the queue's path in the mqueue
/// file system, so it never looks like an address.
uint64_t messageQueueKey(const char *name);

struct QueuedMessage {
  uint32_t priority = 0;
  uint32_t number = 0;
};

struct MessageQueueState {
  ObjectAddr addr = 0;
  bool known = false;    // opened in this run (or found, MqExisted)
  bool exists = false;   // it has its name: created and not unlinked
  uint32_t capacity = 0; // mq_maxmsg
  uint32_t count = 0;
  uint32_t sent = 0; // messages sent in the run: numbers them
  QueuedMessage messages[MaxQueuedMessages] = {};
  // Open descriptors per process that may send / receive.
  uint16_t senders[MaxQueueProcesses] = {};
  uint16_t receivers[MaxQueueProcesses] = {};
  uint32_t openSenders() const;
  uint32_t openReceivers() const;
};

bool isMessageQueueOp(OpKind kind);
bool messageQueueEnabled(const MessageQueueState &q, const Operation &op);
Outcome messageQueueStep(MessageQueueState &q, ProcessId self,
                         const Operation &op);
struct Access messageQueueAccess(const MessageQueueState &q,
                                 const Operation &op);
/// A fork copies the parent's descriptors; exit and exec close them.
void messageQueueFork(MessageQueueState &q, ProcessId parent, ProcessId child);
void messageQueueProcessEnd(MessageQueueState &q, ProcessId process);
std::string messageQueueCanonical(const MessageQueueState &q);

} // namespace tangle
