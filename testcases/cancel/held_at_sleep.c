// A thread cancelled while it holds a mutex: sleep() is a cancellation
// point, and the worker sleeps between its lock and its unlock. Cancelled
// there, it exits holding m (lock.held-at-exit), and main, locking m after
// the join, waits for ever (deadlock.stall). Cancelled at the sleep before
// the lock, or not at all, the program ends well: both are explored.
// Twin: held_disabled.c (cancellation disabled around the critical section).
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
#include <unistd.h>

pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
int done;

static void *worker(void *arg) {
  sleep(1);
  // TEXT-DAG: held_at_sleep.c:[[@LINE+1]]:{{[0-9]+}}: error: thread 1 (worker) ends while still holding m [lock.held-at-exit]
  pthread_mutex_lock(&m);
  sleep(1); // a cancellation point, with m held
  done++;
  pthread_mutex_unlock(&m);
  return arg;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  pthread_cancel(t);
  pthread_join(t, NULL);
  // TEXT-DAG: held_at_sleep.c:[[@LINE+1]]:{{[0-9]+}}: error: deadlock: every live thread is blocked: main thread waits to lock m [deadlock.stall]
  pthread_mutex_lock(&m);
  pthread_mutex_unlock(&m);
  return 0;
}
