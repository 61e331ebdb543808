// The cancel request races with the worker's only cancellation point (the
// sleep): before it, the worker never adds its share and the join returns
// PTHREAD_CANCELED; after it, the worker finishes and the join returns its
// result. main assumes the first (assert): the second order fails it.
// tangle explores both (program.assert; replay reproduces it).
// Twin: cancel_or_finish_checked.c.
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: %tangle check %s > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// RUN: %python %S/../Inputs/schedule.py %t.json program.assert > %t.schedule
// RUN: %tangle replay --schedule "$(cat %t.schedule)" %s --format json > %t.replay.json; test $? -eq 1
// RUN: FileCheck %s --check-prefix=REPLAY --input-file %t.replay.json
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"program.assert"
// CHECK-DAG: "complete":{{ ?}}true
// REPLAY: "id":{{ ?}}"program.assert"
#include <assert.h>
#include <pthread.h>
#include <unistd.h>

pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
int total;

static void *worker(void *arg) {
  usleep(100);
  pthread_mutex_lock(&m);
  total += 1;
  pthread_mutex_unlock(&m);
  return arg;
}

int main(void) {
  pthread_t t;
  void *result;
  pthread_create(&t, NULL, worker, NULL);
  pthread_cancel(t);
  pthread_join(t, &result);
  // TEXT: cancel_or_finish.c:[[@LINE+1]]:{{[0-9]+}}: error: {{.*}}[program.assert]
  assert(result == PTHREAD_CANCELED);
  return 0;
}
