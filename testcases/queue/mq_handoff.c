// A message orders what its sender did before the send with what its
// receiver does after the receive: the producer thread fills a buffer and
// sends its index; the consumer reads the buffer only after receiving the
// index. Clean. Built with -DPEEK the consumer looks at the buffer before
// receiving: a race.data (mq_peek_race.c).
//
// RUN: %tangle check %s --format json > %t.json
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
#include <fcntl.h>
#include <mqueue.h>
#include <pthread.h>
#include <stdio.h>

#ifndef NAME
#define NAME "/tangle_testcase_mq_handoff"
#endif

static int buffer[2];
static mqd_t q;

static void *producer(void *arg) {
  (void)arg;
  buffer[1] = 42;
  char index = 1;
  mq_send(q, &index, 1, 0);
  return NULL;
}

int main(void) {
  mq_unlink(NAME);
  struct mq_attr attr = {.mq_maxmsg = 1, .mq_msgsize = 1};
  q = mq_open(NAME, O_CREAT | O_RDWR, 0600, &attr);
  if (q == (mqd_t)-1)
    return 1;
  pthread_t t;
  pthread_create(&t, NULL, producer, NULL);
  int seen = 0;
#ifdef PEEK
  seen = buffer[1];
#endif
  char index;
  mq_receive(q, &index, 1, NULL);
  seen += buffer[(int)index];
  printf("%d\n", seen);
  pthread_join(t, NULL);
  mq_close(q);
  mq_unlink(NAME);
  return 0;
}
