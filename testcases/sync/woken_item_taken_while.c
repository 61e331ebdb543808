// Twin of woken_item_taken_if.c: the consumer waits in a `while` loop, so a
// wake-up that finds the item taken waits again: no assertion fails in any
// of the 24 interleavings. The stall (the consumer took both items before
// main's own consume) stays.
//
// RUN: %tangle check %s --no-lint --strategy dpor --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: FileCheck %s --check-prefix=NOASSERT --input-file %t.json
// CHECK-DAG: "complete":{{ ?}}true
// CHECK-DAG: "id":{{ ?}}"deadlock.stall"
// NOASSERT-NOT: program.assert
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
  while (count == 0)
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
