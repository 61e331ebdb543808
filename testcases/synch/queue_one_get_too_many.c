// A producer puts 2 items into a tangle/sync.h Queue; the consumer gets 3.
// The third get() waits on the queue's not_empty condition, and nobody is
// left to put anything: every live thread is blocked. Fixed twin:
// queue_producer_consumer.c.
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: %tangle check %s > %t.txt; test $? -eq 1
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// RUN: %python %S/../Inputs/schedule.py %t.json deadlock.stall > %t.schedule
// RUN: %tangle replay --schedule "$(cat %t.schedule)" %s --format json > %t.replay.json; test $? -eq 1
// RUN: FileCheck %s --check-prefix=REPLAY --input-file %t.replay.json
//
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"deadlock.stall"
// REPLAY: "id":{{ ?}}"deadlock.stall"
#include <tangle/sync.h>

tangle_queue_t q;

void *producer(void *arg) {
  for (int i = 1; i <= 2; i++)
    tangle_queue_put(&q, &i);
  return NULL;
}

void *consumer(void *arg) {
  int item;
  for (int i = 0; i < 3; i++)
    // TEXT: error: deadlock: every live thread is blocked: {{.*}} waits on condition q.not_empty in consumer at line [[@LINE+1]]; nobody is left to signal it
    tangle_queue_get(&q, &item); // the third get waits forever
  return NULL;
}

int main(void) {
  pthread_t p, c;
  tangle_queue_init(&q, sizeof(int), 1);
  pthread_create(&p, NULL, producer, NULL);
  pthread_create(&c, NULL, consumer, NULL);
  pthread_join(p, NULL);
  pthread_join(c, NULL);
  tangle_queue_destroy(&q);
  return 0;
}

// The get waits in a predicate loop: an earlier signal nobody waited for is
// not blamed. The hint names what tangle/sync.h's wait needs.
// TEXT-NOT: came before the wait and was lost
// TEXT: fix: A get() waits for an item that nobody will put
