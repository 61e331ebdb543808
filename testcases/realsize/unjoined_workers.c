// Main starts 6 workers, each counting a hit and a miss on two shared
// atomics, and returns without joining them: the return ends the process
// and cuts off whichever worker has not finished (`lifecycle.unjoined-thread`).
// The exit is dependent only on what can observe it, so the exploration is
// complete in a handful of executions (it once took 50,959).
// Twin: joined_workers.c.
//
// RUN: %tangle check %s --no-lint --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: %tangle check %s --no-lint > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// RUN: %python %S/../Inputs/schedule.py %t.json lifecycle.unjoined-thread > %t.schedule
// RUN: %tangle replay --schedule "$(cat %t.schedule)" %s > %t.replay 2>&1; test $? -eq 1
// RUN: FileCheck %s --check-prefix=REPLAY --input-file %t.replay
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"lifecycle.unjoined-thread"
// CHECK-DAG: "complete":{{ ?}}true
// At most 999 executions:
// CHECK-DAG: "executions":{{ ?}}{{[0-9][0-9]?[0-9]?}},
// TEXT: [lifecycle.unjoined-thread]
// REPLAY: [lifecycle.unjoined-thread]
#include <pthread.h>
#include <stdatomic.h>

#define WORKERS 6

static atomic_int hits, misses;

static void *work(void *arg) {
  atomic_fetch_add(&hits, 1);
  atomic_fetch_add(&misses, 1);
  return arg;
}

int main(void) {
  pthread_t t[WORKERS];
  for (int i = 0; i < WORKERS; i++)
    pthread_create(&t[i], NULL, work, NULL);
  return 0; // the workers are never joined
}
