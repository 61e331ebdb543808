// POSIX message queues under control: the Machine decides when a send or a
// receive may proceed (objects/message_queue.h); the message itself then
// goes through the real queue, which never has to wait (a timeout already
// past), since one thread runs at a time and the kernel's queue holds what
// the model says. Queues are keyed by name, the same in every process; each
// process knows which of its descriptors are queues (private memory, copied
// by fork as the kernel copies descriptors).
#include "model/objects/message_queue.h"

#include "runtime/access_log.h"
#include "runtime/controller.h"
#include "runtime/real_functions.h"
#include "runtime/record.h"
#include "runtime/runtime_state.h"
#include "runtime/stack.h"
#include "runtime/virtual_time.h"

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <mqueue.h>
#include <unistd.h>

using namespace tangle;
using namespace tangle::rt;

#define TANGLE_INTERCEPTOR extern "C" __attribute__((visibility("default")))

namespace {

struct QueueEnd {
  ObjectAddr key; // 0: not a queue under control
  uint16_t flags; // MqForSend, MqForReceive, MqNonBlock
  long messageSize;
  char name[64];
};
constexpr int MaxFds = 1024;
QueueEnd g_queues[MaxFds];

QueueEnd *endOf(mqd_t q) {
  if (q < 0 || q >= MaxFds || !g_queues[q].key)
    return nullptr;
  return &g_queues[q];
}

Operation queueOp(OpKind kind, ObjectAddr key, uint16_t flags, uint64_t arg) {
  Operation op;
  op.kind = kind;
  op.flags = flags;
  op.object = key;
  op.arg = arg;
  return op;
}

uint16_t accessFlags(int oflag) {
  switch (oflag & O_ACCMODE) {
  case O_RDONLY:
    return MqForReceive;
  case O_WRONLY:
    return MqForSend;
  default:
    return MqForSend | MqForReceive;
  }
}

/// What the queue was before the run's first look at it: MqExisted with
/// its capacity and messages, or 0 when there is no such queue.
uint16_t probe(const char *name, uint64_t &arg) {
  mqd_t q = REAL(mq_open)(name, O_RDONLY);
  if (q < 0 && errno == EACCES)
    q = REAL(mq_open)(name, O_WRONLY);
  if (q < 0)
    return errno == ENOENT ? 0 : MqExisted;
  mq_attr attr{};
  REAL(mq_getattr)(q, &attr);
  REAL(mq_close)(q);
  arg = uint64_t(attr.mq_maxmsg) | (uint64_t(attr.mq_curmsgs) << 32);
  return MqExisted;
}

/// Whether the kernel would refuse to create the queue (attributes beyond
/// its limits, too many queues): tried on a private name first, so the
/// model never counts a queue that the real mq_open then fails to make.
int creationError(int oflag, mode_t mode, mq_attr *attr) {
  char trial[64];
  snprintf(trial, sizeof(trial), "/tangle-trial-%d", int(getpid()));
  mqd_t q = REAL(mq_open)(trial, (oflag & O_ACCMODE) | O_CREAT | O_EXCL,
                          mode | 0600, attr);
  if (q < 0)
    return errno;
  REAL(mq_close)(q);
  REAL(mq_unlink)(trial);
  return 0;
}

mqd_t openQueue(const char *name, int oflag, mode_t mode, mq_attr *attr,
                const Stack &stack) {
  uint64_t arg = 0;
  uint16_t flags = probe(name, arg);
  if (!flags && (oflag & O_CREAT)) {
    if (int error = creationError(oflag, mode, attr)) {
      errno = error;
      return -1;
    }
    long capacity = attr ? attr->mq_maxmsg : 10;
    if (capacity > long(MaxQueuedMessages))
      finish(EndReason::Error,
             "message queue %s: mq_maxmsg %ld is more than the %u messages "
             "tangle models",
             name, capacity, MaxQueuedMessages);
    arg = uint64_t(capacity);
  }
  flags |= accessFlags(oflag);
  if (oflag & O_CREAT)
    flags |= MqCreate;
  if (oflag & O_EXCL)
    flags |= MqExclusive;
  ObjectAddr key = messageQueueKey(name);
  logObjectName(key, name);
  int32_t result = visible(queueOp(OpKind::MqOpen, key, flags, arg), stack);
  if (result < 0) {
    errno = -result;
    return -1;
  }
  mqd_t q = REAL(mq_open)(name, oflag, mode, attr);
  if (q < 0)
    finish(EndReason::Error, "mq_open(\"%s\") failed after tangle let it: %s",
           name, strerror(errno));
  if (result == MqOpenCreated)
    noteCreatedQueue(name);
  mq_attr real{};
  REAL(mq_getattr)(q, &real);
  if (q < MaxFds) {
    g_queues[q] = {
        key,
        uint16_t(accessFlags(oflag) | ((oflag & O_NONBLOCK) ? MqNonBlock : 0)),
        real.mq_msgsize,
        {}};
    snprintf(g_queues[q].name, sizeof(g_queues[q].name), "%s", name);
  }
  return q;
}

timespec past() { return {0, 0}; }

/// After the Machine let a send or receive go: the real call, which must
/// not have to wait.
[[noreturn]] void disagree(const QueueEnd &end, const char *what) {
  finish(EndReason::Error,
         "message queue %s: the real queue could not %s as the model said "
         "(%s); was it used from outside the program?",
         end.name, what, strerror(errno));
}

int sendMessage(mqd_t q, const char *message, size_t length, unsigned priority,
                bool timed, const Stack &stack) {
  QueueEnd *end = endOf(q);
  // Refused without waiting by the kernel: a bad length, priority or mode.
  if (!end || !(end->flags & MqForSend) || length > size_t(end->messageSize) ||
      priority >= MQ_PRIO_MAX) {
    timespec now = past();
    return REAL(mq_timedsend)(q, message, length, priority, &now);
  }
  uint16_t flags = uint16_t(end->flags | (timed ? MqTimed : 0));
  int32_t result =
      visible(queueOp(OpKind::MqSend, end->key, flags, priority), stack);
  if (result < 0) {
    errno = -result;
    return -1;
  }
  timespec now = past();
  if (REAL(mq_timedsend)(q, message, length, priority, &now) != 0)
    disagree(*end, "take the message");
  return 0;
}

ssize_t receiveMessage(mqd_t q, char *buffer, size_t length, unsigned *priority,
                       bool timed, const Stack &stack) {
  QueueEnd *end = endOf(q);
  if (!end || !(end->flags & MqForReceive) ||
      length < size_t(end->messageSize)) {
    timespec now = past();
    return REAL(mq_timedreceive)(q, buffer, length, priority, &now);
  }
  uint16_t flags = uint16_t(end->flags | (timed ? MqTimed : 0));
  int32_t result =
      visible(queueOp(OpKind::MqReceive, end->key, flags, 0), stack);
  if (result < 0) {
    errno = -result;
    return -1;
  }
  timespec now = past();
  ssize_t n = REAL(mq_timedreceive)(q, buffer, length, priority, &now);
  if (n < 0)
    disagree(*end, "give a message");
  return n;
}

} // namespace

TANGLE_INTERCEPTOR mqd_t mq_open(const char *name, int oflag, ...) {
  TANGLE_NOTE_UNWATCHED(MessageQueues);
  mode_t mode = 0;
  mq_attr *attr = nullptr;
  if (oflag & O_CREAT) {
    va_list args;
    va_start(args, oflag);
    mode = mode_t(va_arg(args, unsigned));
    attr = va_arg(args, mq_attr *);
    va_end(args);
  }
  if (!controlled())
    return REAL(mq_open)(name, oflag, mode, attr);
  Stack stack;
  TANGLE_CALLER_STACK(stack);
  return openQueue(name, oflag, mode, attr, stack);
}

TANGLE_INTERCEPTOR int mq_close(mqd_t q) {
  QueueEnd *end = controlled() ? endOf(q) : nullptr;
  if (end) {
    Stack stack;
    TANGLE_CALLER_STACK(stack);
    QueueEnd closed = *end;
    *end = {};
    visible(queueOp(OpKind::MqClose, closed.key, closed.flags, 0), stack);
  } else if (q >= 0 && q < MaxFds) {
    g_queues[q] = {};
  }
  return REAL(mq_close)(q);
}

TANGLE_INTERCEPTOR int mq_unlink(const char *name) {
  if (!controlled())
    return REAL(mq_unlink)(name);
  Stack stack;
  TANGLE_CALLER_STACK(stack);
  ObjectAddr key = messageQueueKey(name);
  logObjectName(key, name);
  uint64_t arg = 0;
  uint16_t flags = probe(name, arg);
  int32_t result = visible(queueOp(OpKind::MqUnlink, key, flags, arg), stack);
  if (result < 0) {
    errno = -result;
    return -1;
  }
  REAL(mq_unlink)(name);
  return 0;
}

TANGLE_INTERCEPTOR int mq_send(mqd_t q, const char *message, size_t length,
                               unsigned priority) {
  if (!controlled())
    return REAL(mq_send)(q, message, length, priority);
  Stack stack;
  TANGLE_CALLER_STACK(stack);
  return sendMessage(q, message, length, priority, false, stack);
}

TANGLE_INTERCEPTOR int mq_timedsend(mqd_t q, const char *message, size_t length,
                                    unsigned priority,
                                    const timespec *timeout) {
  if (!controlled())
    return REAL(mq_timedsend)(q, message, length, priority, timeout);
  Stack stack;
  TANGLE_CALLER_STACK(stack);
  return int(afterTimedWaitErrno(
      sendMessage(q, message, length, priority, true, stack), CLOCK_REALTIME,
      timeout));
}

TANGLE_INTERCEPTOR ssize_t mq_receive(mqd_t q, char *buffer, size_t length,
                                      unsigned *priority) {
  if (!controlled())
    return REAL(mq_receive)(q, buffer, length, priority);
  Stack stack;
  TANGLE_CALLER_STACK(stack);
  return receiveMessage(q, buffer, length, priority, false, stack);
}

TANGLE_INTERCEPTOR ssize_t mq_timedreceive(mqd_t q, char *buffer, size_t length,
                                           unsigned *priority,
                                           const timespec *timeout) {
  if (!controlled())
    return REAL(mq_timedreceive)(q, buffer, length, priority, timeout);
  Stack stack;
  TANGLE_CALLER_STACK(stack);
  return afterTimedWaitErrno(
      receiveMessage(q, buffer, length, priority, true, stack), CLOCK_REALTIME,
      timeout);
}

TANGLE_INTERCEPTOR int mq_getattr(mqd_t q, mq_attr *attr) {
  QueueEnd *end = controlled() ? endOf(q) : nullptr;
  if (end) {
    // The number of messages depends on the interleaving: a visible look.
    Stack stack;
    TANGLE_CALLER_STACK(stack);
    visible(queueOp(OpKind::MqGetAttr, end->key, end->flags, 0), stack);
  }
  return REAL(mq_getattr)(q, attr);
}

// Only O_NONBLOCK can change, and it belongs to the descriptor.
TANGLE_INTERCEPTOR int mq_setattr(mqd_t q, const mq_attr *attr, mq_attr *old) {
  int rc = REAL(mq_setattr)(q, attr, old);
  if (rc == 0 && q >= 0 && q < MaxFds && g_queues[q].key) {
    if (attr->mq_flags & O_NONBLOCK)
      g_queues[q].flags |= MqNonBlock;
    else
      g_queues[q].flags &= uint16_t(~MqNonBlock);
  }
  return rc;
}
