// The course's example at full size: 100 threads, each takes one lock once
// and decrements a shared counter. Correct, but 100 threads competing for one
// lock have 100! orders of it (about 10^158), so an exploration stops at a
// limit and says what it covered: no finding, never a hang.
// `bench/realsize.sh` runs it with the default 60 s budget.
// Twin: hundred_threads_unlock_missing.c.
//
// RUN: %tangle check %s --no-lint --max-executions 20 --format json > %t.json; test $? -eq 3
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"incomplete"
// CHECK-DAG: "stopped_by":{{ ?}}"max-executions"
// CHECK-DAG: "preemptions_complete":{{ ?}}{{-?[0-9]+}}
// CHECK-DAG: "estimated_executions":{{ ?}}{{[0-9]}}
// CHECK-DAG: "findings":{{ ?}}[]
#include <pthread.h>
#include <stdio.h>

#define THREADS 100

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int remaining = THREADS;

static void *work(void *arg) {
  pthread_mutex_lock(&lock);
  remaining--;
  pthread_mutex_unlock(&lock);
  return arg;
}

int main(void) {
  pthread_t t[THREADS];
  for (int i = 0; i < THREADS; i++)
    pthread_create(&t[i], NULL, work, NULL);
  for (int i = 0; i < THREADS; i++)
    pthread_join(t[i], NULL);
  printf("%d\n", remaining);
  return remaining != 0;
}
