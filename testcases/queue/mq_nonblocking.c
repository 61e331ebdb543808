// O_NONBLOCK and the timed forms never wait: a receive from an empty queue
// fails with EAGAIN (non-blocking descriptor) or ETIMEDOUT (mq_timedreceive,
// a timeout explored as a scheduling choice), and a send to a full queue
// likewise; mq_setattr switches a descriptor to blocking. A consumer
// thread polls with a timed receive until it has the producer's message.
// Clean in every schedule (the consumer's timeouts before the send are
// explored up to the retry bound).
//
// RUN: %tangle check %s --format json > %t.json
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <mqueue.h>
#include <pthread.h>
#include <time.h>

#define NAME "/tangle_testcase_mq_nonblocking"

static mqd_t q;

static void *producer(void *arg) {
  (void)arg;
  mq_send(q, "x", 1, 0);
  return NULL;
}

// Polls with a timed receive until the message is there: it may time out
// before the send, or find the message at once.
static void *consumer(void *arg) {
  (void)arg;
  struct timespec soon = {time(NULL) + 1, 0};
  char c;
  while (mq_timedreceive(q, &c, 1, NULL, &soon) == -1)
    assert(errno == ETIMEDOUT);
  assert(c == 'x');
  return NULL;
}

int main(void) {
  mq_unlink(NAME);
  struct mq_attr attr = {.mq_maxmsg = 1, .mq_msgsize = 1};
  q = mq_open(NAME, O_CREAT | O_RDWR | O_NONBLOCK, 0600, &attr);
  if (q == (mqd_t)-1)
    return 1;
  char c;
  assert(mq_receive(q, &c, 1, NULL) == -1 && errno == EAGAIN);
  struct timespec soon = {time(NULL) + 1, 0};
  assert(mq_timedreceive(q, &c, 1, NULL, &soon) == -1 && errno == EAGAIN);
  assert(mq_send(q, "a", 1, 0) == 0);
  assert(mq_send(q, "b", 1, 0) == -1 && errno == EAGAIN); // full
  assert(mq_receive(q, &c, 1, NULL) == 1 && c == 'a');
  struct mq_attr blocking = {0};
  mq_setattr(q, &blocking, NULL); // clears O_NONBLOCK
  assert(mq_timedreceive(q, &c, 1, NULL, &soon) == -1 && errno == ETIMEDOUT);
  pthread_t p, r;
  pthread_create(&r, NULL, consumer, NULL);
  pthread_create(&p, NULL, producer, NULL);
  pthread_join(p, NULL);
  pthread_join(r, NULL);
  struct mq_attr now;
  mq_getattr(q, &now);
  assert(now.mq_curmsgs == 0);
  mq_close(q);
  mq_unlink(NAME);
  return 0;
}
