// 1,000 threads alive at once, each adding to a counter under one mutex:
// correct. Their stacks (8 MiB each, 8 GiB in all) are address space, not
// the program's data: the execution's memory limit leaves them out, so all
// 1,000 start (docs/runtime.md, Resources). Every order of 1,000 lockers
// is too many to explore: the first executions give no finding.
// Twin: threads_alive_unlock_missing.c.
//
// RUN: %tangle check %s --max-executions 2 --format json > %t.json; test $? -eq 3
// RUN: FileCheck %s --input-file %t.json
//
// CHECK-DAG: "verdict":{{ ?}}"incomplete"
// CHECK-DAG: "stopped_by":{{ ?}}"max-executions"
// CHECK-DAG: "findings":{{ ?}}[]
#include <pthread.h>
#include <stdio.h>

#define N 1000

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
  static pthread_t t[N];
  for (int i = 0; i < N; i++)
    pthread_create(&t[i], NULL, work, NULL);
  for (int i = 0; i < N; i++)
    pthread_join(t[i], NULL);
  printf("%ld\n", counter);
  return counter != N;
}
