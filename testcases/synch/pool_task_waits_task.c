// A pool task submits a second task to its own pool and waits for its
// result, but the pool has a single worker: the one that is busy waiting.
// The outer task waits on the inner future's `finished` condition forever,
// and main waits for the outer one. With 2 workers it would complete.
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
#include <stdint.h>
#include <tangle/sync.h>

tangle_pool_t pool;

void *inner(void *arg) { return (void *)42; }

void *outer(void *arg) {
  tangle_future_t *f = tangle_pool_submit(&pool, inner, NULL);
  // TEXT-DAG: thread 1 waits on condition pool.futures[1].finished in outer at line [[@LINE+1]]; nobody is left to signal it
  return tangle_future_result(f); // no worker left to run inner
}

int main(void) {
  tangle_pool_init(&pool, 1);
  tangle_future_t *f = tangle_pool_submit(&pool, outer, NULL);
  // TEXT-DAG: error: deadlock: every live thread is blocked: main thread waits on condition pool.futures[0].finished in main at line [[@LINE+1]]; nobody is left to signal it and
  intptr_t result = (intptr_t)tangle_future_result(f);
  tangle_pool_destroy(&pool);
  return result == 42 ? 0 : 1;
}

// The hint names what tangle/sync.h's wait needs.
// TEXT: fix: A future{{.}}s result() waits for a task that no worker will run
