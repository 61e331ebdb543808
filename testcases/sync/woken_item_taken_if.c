// A consumer that checks for the item with `if`, not `while`: woken by a
// signal, it may find the item already taken by main, which produces and
// consumes too and took it between the signal and the wake-up. DPOR used to
// miss that interleaving (16 of 24 executions): the race that shows it
// (main's next signal against the consumer's re-acquisition) cannot be
// reversed where it is found, only before main took the mutex
// (docs/exploration.md). Main may also wait for an item nobody makes
// (the consumer took both): deadlock.stall, with `while` too.
// Twin: woken_item_taken_while.c.
//
// RUN: %tangle check %s --no-lint --strategy dpor --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"program.assert"
// CHECK-DAG: "id":{{ ?}}"deadlock.stall"
#include <assert.h>
#include <pthread.h>

pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
pthread_cond_t not_empty = PTHREAD_COND_INITIALIZER;
pthread_cond_t not_full = PTHREAD_COND_INITIALIZER;
int count;

void produce(void) {
  pthread_mutex_lock(&m);
  while (count == 1)
    pthread_cond_wait(&not_full, &m);
  count = 1;
  pthread_cond_signal(&not_empty);
  pthread_mutex_unlock(&m);
}

void consume(void) {
  pthread_mutex_lock(&m);
  if (count == 0)
    pthread_cond_wait(&not_empty, &m);
  assert(count == 1);
  count = 0;
  pthread_cond_signal(&not_full);
  pthread_mutex_unlock(&m);
}

void *consumer(void *arg) {
  consume();
  consume();
  return arg;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, consumer, NULL);
  produce();
  produce();
  consume();
  produce();
  pthread_join(t, NULL);
  return 0;
}
