// A LIFO queue (the course's 堆栈, queue.LifoQueue) hands items back in
// reverse order, and put_nowait/get_nowait report a full or empty queue
// with a return code: checked by assert, in every interleaving.
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
#include <assert.h>
#include <tangle/sync.h>

tangle_queue_t stack;

void *consumer(void *arg) {
  int item;
  for (int expected = 3; expected >= 1; expected--) {
    tangle_queue_get(&stack, &item);
    assert(item == expected);
  }
  assert(tangle_queue_get_nowait(&stack, &item) == TANGLE_EMPTY);
  return NULL;
}

int main(void) {
  pthread_t c;
  tangle_lifo_queue_init(&stack, sizeof(int), 3);
  for (int i = 1; i <= 3; i++)
    assert(tangle_queue_put_nowait(&stack, &i) == TANGLE_OK);
  int extra = 4;
  assert(tangle_queue_full(&stack));
  assert(tangle_queue_put_nowait(&stack, &extra) == TANGLE_FULL);
  pthread_create(&c, NULL, consumer, NULL);
  pthread_join(c, NULL);
  tangle_queue_destroy(&stack);
  return 0;
}
