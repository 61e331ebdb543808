// Buggy twin of event_set_wait.c: main forgets to set the event, so the
// worker waits on it forever while main waits to join the worker.
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

tangle_event_t start = TANGLE_EVENT_INITIALIZER;
int data;

void *worker(void *arg) {
  // TEXT: waits on condition start.flag_set in worker at line [[@LINE+1]]; nobody is left to signal it
  tangle_event_wait(&start);
  return NULL;
}

int main(void) {
  pthread_t a;
  pthread_create(&a, NULL, worker, NULL);
  data = 42; // ... and forgets tangle_event_set(&start)
  pthread_join(a, NULL);
  return 0;
}

// The hint names what tangle/sync.h's wait needs.
// TEXT: fix: Event wait() returns only after some thread calls set()
