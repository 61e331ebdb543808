// 1,000 threads, each taking one lock ROUNDS times (default 10; bench/
// realsize.sh runs 100) around a shared counter. Correct. An execution is
// 1,000 x ROUNDS x 2 steps on one mutex, and each lock races with the last
// lock of every other thread: the race walk once joined 999 clocks of 1,000
// entries at each of them (10^11 operations an execution at ROUNDS=100, none
// analysed in 15 s). Now the exploration stops at its limit with the
// coverage it reached and no finding.
//
// RUN: %tangle check %s --no-lint --max-executions 3 --format json > %t.json; test $? -eq 3
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"incomplete"
// CHECK-DAG: "stopped_by":{{ ?}}"max-executions"
// CHECK-DAG: "executions":{{ ?}}3
// CHECK-DAG: "findings":{{ ?}}[]
#include <pthread.h>
#include <stdio.h>

#define THREADS 1000
#ifndef ROUNDS
#define ROUNDS 10
#endif

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static long counter;

static void *work(void *arg) {
  for (int i = 0; i < ROUNDS; i++) {
    pthread_mutex_lock(&lock);
    counter++;
    pthread_mutex_unlock(&lock);
  }
  return arg;
}

int main(void) {
  static pthread_t t[THREADS];
  for (int i = 0; i < THREADS; i++)
    pthread_create(&t[i], NULL, work, NULL);
  for (int i = 0; i < THREADS; i++)
    pthread_join(t[i], NULL);
  printf("%ld\n", counter);
  return counter != (long)THREADS * ROUNDS;
}
