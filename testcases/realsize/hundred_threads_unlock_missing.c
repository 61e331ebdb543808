// hundred_threads.c, but thread 51 returns from an early exit path without
// unlocking: it ends holding the lock, and every thread that comes after it
// waits forever. Found in the first execution: `lock.held-at-exit` where it
// returns, and the stall of the threads left waiting (not a hang).
// Fix: hundred_threads.c.
//
// RUN: %tangle check %s --no-lint --max-findings 2 --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: %python %S/../Inputs/schedule.py %t.json deadlock.stall > %t.schedule
// RUN: %tangle replay --schedule "$(cat %t.schedule)" %s > %t.replay 2>&1; test $? -eq 1
// RUN: FileCheck %s --check-prefix=REPLAY --input-file %t.replay
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"lock.held-at-exit"
// CHECK-DAG: "id":{{ ?}}"deadlock.stall"
// CHECK-DAG: "name":{{ ?}}"thread 51 (work)"
// REPLAY: [deadlock.stall]
#include <pthread.h>
#include <stdio.h>

#define THREADS 100

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int remaining = THREADS;

static void *work(void *arg) {
  long id = (long)arg;
  pthread_mutex_lock(&lock);
  remaining--;
  if (id == THREADS / 2)
    return NULL; // an early return that forgets the unlock
  pthread_mutex_unlock(&lock);
  return NULL;
}

int main(void) {
  pthread_t t[THREADS];
  for (long i = 0; i < THREADS; i++)
    pthread_create(&t[i], NULL, work, (void *)i);
  for (int i = 0; i < THREADS; i++)
    pthread_join(t[i], NULL);
  printf("%d\n", remaining);
  return remaining != 0;
}
