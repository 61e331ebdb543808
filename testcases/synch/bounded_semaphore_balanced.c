// Balanced twin of bounded_semaphore_overrelease.c: each of two workers
// releases its slot exactly once. The BoundedSemaphore of 1 admits one worker
// at a time, so inside, `busy` is always 1. Clean.
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
#include <assert.h>
#include <tangle/sync.h>

tangle_semaphore_t slots;
int busy; // guarded by slots

void *worker(void *arg) {
  tangle_semaphore_acquire(&slots);
  busy++;
  assert(busy == 1);
  busy--;
  tangle_semaphore_release(&slots);
  return NULL;
}

int main(void) {
  pthread_t a, b;
  tangle_bounded_semaphore_init(&slots, 1);
  pthread_create(&a, NULL, worker, NULL);
  pthread_create(&b, NULL, worker, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  tangle_semaphore_destroy(&slots);
  return 0;
}
