// The 20,000 short-lived threads of short_lived_threads.c, but the last one
// returns without unlocking: it ends holding the mutex, and main's final
// lock waits forever. Found in the one execution, after 20,000 threads that
// all had thread number 1: the report names the one that did it by where it
// was created, and its schedule replays.
//
// RUN: %tangle check %s --max-steps 200000 --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: %tangle check %s --max-steps 200000 > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// RUN: %python %S/../Inputs/schedule.py %t.json lock.held-at-exit > %t.schedule
// RUN: %tangle replay --schedule "$(cat %t.schedule)" --max-steps 200000 %s --format json > %t.replay.json; test $? -eq 1
// RUN: FileCheck %s --check-prefix=REPLAY --input-file %t.replay.json
//
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"lock.held-at-exit"
// CHECK-DAG: "id":{{ ?}}"deadlock.stall"
// REPLAY: "id":{{ ?}}"lock.held-at-exit"
#include <pthread.h>
#include <stdio.h>

#define N 20000

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static long counter;

static void *work(void *arg) {
  long i = (long)arg;
  // TEXT: short_lived_threads_unlock_missing.c:[[@LINE+1]]:3: error: thread 1 (work) ends while still holding m [lock.held-at-exit]
  pthread_mutex_lock(&m);
  counter++;
  if (i == N - 1)
    return NULL; // forgets to unlock
  pthread_mutex_unlock(&m);
  return NULL;
}

int main(void) {
  for (long i = 0; i < N; i++) {
    pthread_t t;
    // TEXT: short_lived_threads_unlock_missing.c:[[@LINE+1]]:5: note: thread 1 (work) is created here
    pthread_create(&t, NULL, work, (void *)i);
    pthread_join(t, NULL);
  }
  pthread_mutex_lock(&m);
  printf("%ld\n", counter);
  pthread_mutex_unlock(&m);
  return 0;
}
