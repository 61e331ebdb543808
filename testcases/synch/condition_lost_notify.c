// Buggy twin of condition_wait_for.c: the worker waits on the Condition
// without a predicate. When main's notify comes before the wait, nobody
// hears it and the worker waits forever (a lost wake-up).
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

tangle_lock_t stock_lock = TANGLE_LOCK_INITIALIZER;
tangle_condition_t restocked;
int stock;

void *worker(void *arg) {
  tangle_condition_acquire(&restocked);
  // TEXT: thread 1 waits on condition restocked.cond in worker at line [[@LINE+1]]; nobody is left to signal it; the signal by main thread at line [[#@LINE+13]] (step {{[0-9]+}}) came before the wait and was lost
  tangle_condition_wait(&restocked); // no `while (stock == 0)`
  stock--;
  tangle_condition_release(&restocked);
  return NULL;
}

int main(void) {
  pthread_t t;
  tangle_condition_init(&restocked, &stock_lock);
  pthread_create(&t, NULL, worker, NULL);
  tangle_lock_acquire(&stock_lock);
  stock++;
  tangle_condition_notify(&restocked);
  tangle_lock_release(&stock_lock);
  pthread_join(t, NULL);
  tangle_condition_destroy(&restocked);
  return 0;
}
