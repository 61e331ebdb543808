// The most common correct program: 4 threads each add 1 to a counter 100,000
// times, every increment under one mutex. Its interleavings are beyond
// counting (about 10^240816), so no run explores them all; what matters is
// that a run stopped by a limit says so, with what it covered, and never
// turns the limit into a finding (this program was once a false
// `program.hang`). One execution records all of its 800,000 lock steps
// (under the default --max-steps of 1,000,000). `bench/realsize.sh` runs it
// with the default 60 s budget. Twin: counter_100k_one_unlocked.c.
//
// RUN: %tangle check %s --no-lint --max-executions 1 --format json > %t.json; test $? -eq 3
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"incomplete"
// CHECK-DAG: "stopped_by":{{ ?}}"max-executions"
// CHECK-DAG: "preemptions_complete":{{ ?}}{{-?[0-9]+}}
// CHECK-DAG: "estimated_executions":{{ ?}}{{[0-9]}}
// CHECK-DAG: "findings":{{ ?}}[]
#include <pthread.h>
#include <stdio.h>

#define THREADS 4
#define ITERATIONS 100000

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static long counter;

static void *work(void *arg) {
  for (int i = 0; i < ITERATIONS; i++) {
    pthread_mutex_lock(&lock);
    counter++;
    pthread_mutex_unlock(&lock);
  }
  return arg;
}

int main(void) {
  pthread_t t[THREADS];
  for (int i = 0; i < THREADS; i++)
    pthread_create(&t[i], NULL, work, NULL);
  for (int i = 0; i < THREADS; i++)
    pthread_join(t[i], NULL);
  printf("%ld\n", counter);
  return counter != (long)THREADS * ITERATIONS;
}
