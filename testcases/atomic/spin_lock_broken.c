// spin_lock.c with the test and the set split: each thread loads the flag,
// sees it free, and only then stores 1. Both can pass the load before either
// stores, and then both are in the critical section at once: a data race on
// `counter`. The race needs the two threads interleaved between the atomic
// load and the atomic store, which only an explorer that schedules atomics
// finds. Fix: spin_lock.c (one atomic exchange).
//
// RUN: %tangle check %s --no-lint > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt
// RUN: FileCheck %s --check-prefix=ERR --input-file %t.txt
// The interleaving: both load the free flag before either stores.
// CHECK: atomic load   locked
// CHECK: atomic load   locked
// CHECK: atomic store  locked
// RUN: %tangle check %s --no-lint --format json > %t.json; test $? -eq 1
// RUN: %python %S/../Inputs/schedule.py %t.json race.data > %t.schedule
// RUN: %tangle replay --schedule "$(cat %t.schedule)" %s > %t.replay 2>&1; test $? -eq 1
// RUN: FileCheck %s --check-prefix=REPLAY --input-file %t.replay
// REPLAY: [race.data]
#include <pthread.h>
#include <stdatomic.h>

atomic_int locked;
int counter;

void *worker(void *arg) {
  while (atomic_load(&locked))
    ; // wait until free...
  atomic_store(&locked, 1); // ...then take it: too late, another may have
  // ERR: spin_lock_broken.c:[[@LINE+1]]:{{[0-9]+}}: error: data race on counter: {{.*}}[race.data]
  counter++;
  atomic_store(&locked, 0);
  return NULL;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, worker, NULL);
  pthread_create(&b, NULL, worker, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  return 0;
}
