// The twin of cond_cleanup_unlocks.c without the cleanup handler: the
// cancelled condition wait takes the mutex again and the thread exits
// holding it (lock.held-at-exit, at the wait's line), and main then blocks
// for ever locking it (deadlock.stall). The replay reproduces the stall.
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: %tangle check %s > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// RUN: %python %S/../Inputs/schedule.py %t.json deadlock.stall > %t.schedule
// RUN: %tangle replay --schedule "$(cat %t.schedule)" %s --format json > %t.replay.json; test $? -eq 1
// RUN: FileCheck %s --check-prefix=REPLAY --input-file %t.replay.json
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"lock.held-at-exit"
// CHECK-DAG: "id":{{ ?}}"deadlock.stall"
// CHECK-DAG: "complete":{{ ?}}true
// REPLAY: "id":{{ ?}}"deadlock.stall"
#include <pthread.h>

pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
pthread_cond_t c = PTHREAD_COND_INITIALIZER;
int ready;

static void *worker(void *arg) {
  pthread_mutex_lock(&m);
  while (!ready)
    // TEXT-DAG: cond_no_cleanup.c:[[@LINE+1]]:{{[0-9]+}}: error: thread 1 (worker) ends while still holding m [lock.held-at-exit]
    pthread_cond_wait(&c, &m); // cancelled here: m is taken again
  pthread_mutex_unlock(&m);
  return arg;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  pthread_cancel(t);
  pthread_join(t, NULL);
  // TEXT-DAG: cond_no_cleanup.c:[[@LINE+1]]:{{[0-9]+}}: error: deadlock: every live thread is blocked: main thread waits to lock m [deadlock.stall]
  pthread_mutex_lock(&m);
  pthread_mutex_unlock(&m);
  return 0;
}
