// A BoundedSemaphore limits a pool of workers to 2 at a time. One worker
// releases its slot twice (once more on its error path), which would raise
// the count above 2: tangle/sync.h reports it as misuse. Balanced twin:
// bounded_semaphore_balanced.c.
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: %tangle check %s > %t.txt; test $? -eq 1
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// RUN: %python %S/../Inputs/schedule.py %t.json sync.bounded-semaphore-overrelease > %t.schedule
// RUN: %tangle replay --schedule "$(cat %t.schedule)" %s --format json > %t.replay.json; test $? -eq 1
// RUN: FileCheck %s --check-prefix=REPLAY --input-file %t.replay.json
//
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"sync.bounded-semaphore-overrelease"
// REPLAY: "id":{{ ?}}"sync.bounded-semaphore-overrelease"
#include <tangle/sync.h>

tangle_semaphore_t slots;

void *worker(void *arg) {
  int failed = arg != NULL;
  tangle_semaphore_acquire(&slots);
  if (failed)
    tangle_semaphore_release(&slots); // error path: gives the slot back...
  // TEXT: bounded_semaphore_overrelease.c:[[@LINE+1]]:{{[0-9]+}}: error: {{.*}} releases a BoundedSemaphore more often than it was acquired{{.*}}[sync.bounded-semaphore-overrelease]
  tangle_semaphore_release(&slots); // ...and again here
  return NULL;
}

int main(void) {
  pthread_t a, b;
  tangle_bounded_semaphore_init(&slots, 2);
  pthread_create(&a, NULL, worker, NULL);
  pthread_create(&b, NULL, worker, (void *)1);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  tangle_semaphore_destroy(&slots);
  return 0;
}
