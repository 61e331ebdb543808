// Main spins (do { sched_yield(); } while (!ready);) until the worker says
// ready, then reads the result. The worker sets `ready` first and writes
// the result after it: main may read it at the same time. race.data, still
// found with main's loop reduced to its first turn (docs/exploration.md,
// "The program's spin loops"). Fix: write the result, then set the flag
// (-DFIXED): clean.
//
// RUN: %tangle check %s --no-lint --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: %tangle check %s --no-lint --format json -- -DFIXED > %t.fixed.json
// RUN: FileCheck %s --check-prefix=FIXED --input-file %t.fixed.json
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"race.data"
// FIXED-DAG: "verdict":{{ ?}}"clean"
// FIXED-DAG: "complete":{{ ?}}true
#include <pthread.h>
#include <sched.h>

_Atomic int ready;
int result;

void *worker(void *arg) {
  (void)arg;
#ifdef FIXED
  result = 42;
  ready = 1;
#else
  ready = 1;
  result = 42; // after the flag: main may be reading it
#endif
  return 0;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, 0, worker, 0);
  do {
    sched_yield();
  } while (!ready);
  int seen = result;
  pthread_join(t, 0);
  return seen == 42 ? 0 : 0;
}
