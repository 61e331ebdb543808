// A detached logger thread writes its record under a lock, but main
// returns without waiting for it: the process ends and the detached thread
// is stopped mid-work, in some interleavings while it holds the lock.
// Fix: detached_waited.c (main waits for the logger's semaphore first);
// detached.c (a detached thread with no shared work left to lose).
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: %tangle check %s > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// RUN: %python %S/../Inputs/schedule.py %t.json lifecycle.detached-cut-off > %t.schedule
// RUN: %tangle replay --schedule "$(cat %t.schedule)" %s --format json > %t.replay.json; test $? -eq 1
// RUN: FileCheck %s --check-prefix=REPLAY --input-file %t.replay.json
//
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"lifecycle.detached-cut-off"
// CHECK-DAG: "complete":{{ ?}}true
// REPLAY: "id":{{ ?}}"lifecycle.detached-cut-off"
// TEXT: error: the process ends while the detached thread 1 (logger) is still at work{{.*}}[lifecycle.detached-cut-off]
// TEXT: note: fix: When main returns
#include <pthread.h>
#include <semaphore.h>

pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;
sem_t logged;
int records;

void *logger(void *arg) {
  pthread_mutex_lock(&log_lock);
  records++; // the record that must not be lost
  pthread_mutex_unlock(&log_lock);
  sem_post(&logged);
  return NULL;
}

int main(void) {
  sem_init(&logged, 0, 0);
  pthread_t t;
  pthread_create(&t, NULL, logger, NULL);
  pthread_detach(t);
#ifdef WAITED
  sem_wait(&logged);
#endif
  return 0;
}
