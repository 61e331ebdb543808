// 20,000 threads created and joined one after another, each adding to a
// counter under a mutex: correct. Every joined thread's number goes to the
// next thread main creates (docs/runtime.md, Resources), so the execution
// keeps two thread numbers, not 20,000, and one execution covers it all.
// Its 120,000 steps fit the default step limit (1,000,000); with a limit of
// 100,000 the rest runs unrecorded, and the exploration is incomplete,
// naming the step limit (never a finding, never a thread limit).
// Twin: short_lived_threads_unlock_missing.c.
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json
// RUN: %tangle check %s --max-steps 100000 --format json > %t.default.json; test $? -eq 3
// RUN: FileCheck %s --check-prefix=DEFAULT --input-file %t.default.json
//
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
// CHECK-DAG: "executions":{{ ?}}1,
// CHECK-DAG: "findings":{{ ?}}[]
// DEFAULT-DAG: "verdict":{{ ?}}"incomplete"
// DEFAULT-DAG: "stopped_by":{{ ?}}"step-limit"
// DEFAULT-DAG: "findings":{{ ?}}[]
#include <pthread.h>
#include <stdio.h>

#define N 20000

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static long counter;

static void *work(void *arg) {
  (void)arg;
  pthread_mutex_lock(&m);
  counter++;
  pthread_mutex_unlock(&m);
  return NULL;
}

int main(void) {
  for (int i = 0; i < N; i++) {
    pthread_t t;
    pthread_create(&t, NULL, work, NULL);
    pthread_join(t, NULL);
  }
  printf("%ld\n", counter);
  return counter != N;
}
