// The Machine's semantics for POSIX message queues: blocking while empty or
// full, non-blocking and timed forms, priority order, names across
// processes, and the happens-before edge from a send to its receive.
#include "model/detect/races.h"
#include "model/file_identity.h"
#include "model/machine.h"

#include <cerrno>
#include <gtest/gtest.h>

namespace tangle {
namespace {

class MessageQueueTest : public ::testing::Test {
protected:
  static constexpr uint16_t ReadWrite = MqForSend | MqForReceive;
  Outcome step(ThreadId t, Operation op) {
    machine.post(t, op);
    EXPECT_TRUE(machine.enabled(t)) << opKindName(op.kind);
    return machine.step(t);
  }
  Operation open(uint16_t flags, uint64_t capacity = 2) {
    return {OpKind::MqOpen, flags, 0, Queue, capacity};
  }
  Operation send(uint32_t priority, uint16_t flags = ReadWrite) {
    return {OpKind::MqSend, flags, 0, Queue, priority};
  }
  Operation receive(uint16_t flags = ReadWrite) {
    return {OpKind::MqReceive, flags, 0, Queue, 0};
  }
  ThreadId fork(ThreadId t) {
    auto child = ThreadId(step(t, {OpKind::ProcessFork, 0, 0, 0, 0}).result);
    machine.step(child); // its ThreadStart
    return child;
  }
  const ObjectAddr Queue = messageQueueKey("/jobs");
  Machine machine;
};

TEST_F(MessageQueueTest, KeyIsTheNameWithOrWithoutItsSlash) {
  EXPECT_EQ(messageQueueKey("/jobs"), messageQueueKey("jobs"));
  EXPECT_NE(messageQueueKey("/jobs"), messageQueueKey("/jobs2"));
  EXPECT_TRUE(isFileKey(messageQueueKey("/jobs")));
}

TEST_F(MessageQueueTest, OpenWithoutCreateOfAMissingQueueFails) {
  EXPECT_EQ(step(0, open(MqForReceive)).result, -ENOENT);
  EXPECT_EQ(step(0, open(MqCreate | MqForReceive)).result, MqOpenCreated);
  EXPECT_EQ(step(0, open(MqCreate | MqExclusive | MqForSend)).result, -EEXIST);
  EXPECT_EQ(step(0, open(MqForSend)).result, 0);
  EXPECT_EQ(step(0, {OpKind::MqUnlink, 0, 0, Queue, 0}).result, 0);
  EXPECT_EQ(step(0, {OpKind::MqUnlink, 0, 0, Queue, 0}).result, -ENOENT);
  EXPECT_EQ(step(0, open(MqForSend)).result, -ENOENT);
}

TEST_F(MessageQueueTest, ReceiveWaitsWhileEmptyAndSendWhileFull) {
  step(0, open(MqCreate | ReadWrite, 2));
  machine.post(0, receive());
  EXPECT_FALSE(machine.enabled(0));
  step(0, send(1));
  step(0, send(1));
  machine.post(0, send(1));
  EXPECT_FALSE(machine.enabled(0)); // 2 of 2
  EXPECT_EQ(step(0, {OpKind::MqGetAttr, 0, 0, Queue, 0}).result, 2);
  EXPECT_EQ(step(0, receive()).result, 0); // the first message sent
  EXPECT_EQ(step(0, send(1)).result, 2);
}

TEST_F(MessageQueueTest, NonBlockingAndTimedFormsFailInsteadOfWaiting) {
  step(0, open(MqCreate | ReadWrite, 1));
  Outcome empty = step(0, receive(ReadWrite | MqNonBlock));
  EXPECT_EQ(empty.result, -EAGAIN);
  EXPECT_EQ(empty.effect, Effect::TryFailed);
  EXPECT_EQ(step(0, receive(ReadWrite | MqTimed)).result, -ETIMEDOUT);
  step(0, send(0));
  EXPECT_EQ(step(0, send(0, ReadWrite | MqNonBlock)).result, -EAGAIN);
  machine.post(0, send(0, ReadWrite | MqTimed));
  EXPECT_TRUE(machine.wouldFailTry(0)); // one more turn of a retry loop
  EXPECT_EQ(machine.step(0).result, -ETIMEDOUT);
}

TEST_F(MessageQueueTest, HighestPriorityFirstThenOldest) {
  step(0, open(MqCreate | ReadWrite, 4));
  step(0, send(1)); // 0
  step(0, send(5)); // 1
  step(0, send(1)); // 2
  step(0, send(5)); // 3
  EXPECT_EQ(step(0, receive()).result, 1);
  EXPECT_EQ(step(0, receive()).result, 3);
  EXPECT_EQ(step(0, receive()).result, 0);
  EXPECT_EQ(step(0, receive()).result, 2);
}

TEST_F(MessageQueueTest, MessagesFromBeforeTheRunAreCounted) {
  // The queue existed with 3 messages of a capacity of 10.
  step(0, open(MqExisted | MqForReceive, 10 | (uint64_t(3) << 32)));
  EXPECT_EQ(machine.messageQueue(Queue)->count, 3u);
  EXPECT_EQ(step(0, receive()).result, INT32_MAX); // nobody in the run sent it
}

TEST_F(MessageQueueTest, ForkCopiesDescriptorsAndExitClosesThem) {
  step(0, open(MqCreate | MqForReceive));
  ThreadId child = fork(0);
  step(child, open(MqForSend));
  const MessageQueueState &q = *machine.messageQueue(Queue);
  EXPECT_EQ(q.receivers[1], 1u);
  EXPECT_EQ(q.senders[1], 1u);
  step(child, {OpKind::ProcessExit, 0, 0, 0, 0});
  EXPECT_EQ(q.openSenders(), 0u);
  EXPECT_EQ(q.openReceivers(), 1u);
  step(0, {OpKind::MqClose, MqForReceive, 0, Queue, 0});
  EXPECT_EQ(q.openReceivers(), 0u);
}

TEST_F(MessageQueueTest, SendsAndReceivesAreDependentFailedLooksAreNot) {
  step(0, open(MqCreate | ReadWrite, 1));
  auto t1 = ThreadId(step(0, {OpKind::ThreadCreate, 0, 0, 0, 0}).result);
  step(t1, {OpKind::ThreadStart, 0, 0, 0, 0});
  machine.post(0, send(0));
  machine.post(t1, receive(ReadWrite | MqNonBlock));
  EXPECT_TRUE(dependent(machine.accessOf(0), machine.accessOf(t1)));
  machine.post(0, {OpKind::MqGetAttr, 0, 0, Queue, 0});
  EXPECT_FALSE(dependent(machine.accessOf(0), machine.accessOf(t1)));
}

TEST_F(MessageQueueTest, ASendHappensBeforeTheReceiveThatTakesItOnly) {
  step(0, open(MqCreate | ReadWrite, 4));
  Event sent;
  sent.op = send(1);
  sent.result = step(0, sent.op).result;
  Outcome o = step(0, receive());
  Event received;
  received.op = receive();
  received.result = o.result;
  SyncEdges s = syncEdges(sent, {sent.result, Effect::Sent, {}});
  SyncEdges r = syncEdges(received, o);
  EXPECT_EQ(s.releaseKind, SyncEdges::Message);
  EXPECT_EQ(r.acquireKind, SyncEdges::Message);
  EXPECT_EQ(s.releaseTo, r.acquireFrom);
  Event other = sent;
  other.result = sent.result + 1;
  EXPECT_NE(syncEdges(other, {other.result, Effect::Sent, {}}).releaseTo,
            r.acquireFrom);
}

} // namespace
} // namespace tangle
