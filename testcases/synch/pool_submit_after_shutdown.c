// A worker thread submits a task to the pool while main may already have
// shut it down: in that interleaving no worker would ever run the task,
// which tangle/sync.h reports as misuse (Python raises RuntimeError). When
// the submit comes first, shutdown lets the worker finish it. Fixed form:
// pool_callbacks.c (every submit before shutdown).
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: %tangle check %s > %t.txt; test $? -eq 1
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// RUN: %python %S/../Inputs/schedule.py %t.json sync.pool-submit-after-shutdown > %t.schedule
// RUN: %tangle replay --schedule "$(cat %t.schedule)" %s --format json > %t.replay.json; test $? -eq 1
// RUN: FileCheck %s --check-prefix=REPLAY --input-file %t.replay.json
//
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"sync.pool-submit-after-shutdown"
// REPLAY: "id":{{ ?}}"sync.pool-submit-after-shutdown"
#include <tangle/sync.h>

tangle_pool_t pool;

void *job(void *arg) { return arg; }

void *late_submitter(void *arg) {
  // TEXT: pool_submit_after_shutdown.c:[[@LINE+1]]:{{[0-9]+}}: error: thread 2 (late_submitter) submits a task to a thread pool that is shut down [sync.pool-submit-after-shutdown]
  tangle_pool_submit(&pool, job, NULL);
  return NULL;
}

int main(void) {
  pthread_t t;
  tangle_pool_init(&pool, 1);
  pthread_create(&t, NULL, late_submitter, NULL);
  tangle_pool_shutdown(&pool); // does not wait for late_submitter
  pthread_join(t, NULL);
  tangle_pool_destroy(&pool);
  return 0;
}
