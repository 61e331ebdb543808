// Clean twin of queue_one_get_too_many.c: the consumer gets exactly as many
// items as the producer puts, through a Queue of capacity 1 (so the
// producer also waits on not_full), and sees them in FIFO order.
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
#include <assert.h>
#include <tangle/sync.h>

tangle_queue_t q;

void *producer(void *arg) {
  for (int i = 1; i <= 2; i++)
    tangle_queue_put(&q, &i);
  return NULL;
}

void *consumer(void *arg) {
  int item;
  for (int i = 1; i <= 2; i++) {
    tangle_queue_get(&q, &item);
    assert(item == i);
  }
  return NULL;
}

int main(void) {
  pthread_t p, c;
  tangle_queue_init(&q, sizeof(int), 1);
  pthread_create(&p, NULL, producer, NULL);
  pthread_create(&c, NULL, consumer, NULL);
  pthread_join(p, NULL);
  pthread_join(c, NULL);
  assert(tangle_queue_empty(&q));
  tangle_queue_destroy(&q);
  return 0;
}
