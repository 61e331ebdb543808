// The 1,000 threads of threads_alive.c, but the last one created returns
// without unlocking: it ends holding the mutex, and whoever locks it next
// waits forever. Found in the first execution.
//
// RUN: %tangle check %s --max-executions 1 --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
//
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"lock.held-at-exit"
// CHECK-DAG: "name":{{ ?}}"thread 1000 (work)"
#include <pthread.h>
#include <stdio.h>

#define N 1000

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static long counter;

static void *work(void *arg) {
  long i = (long)arg;
  pthread_mutex_lock(&m);
  counter++;
  if (i == N - 1)
    return NULL; // forgets to unlock
  pthread_mutex_unlock(&m);
  return NULL;
}

int main(void) {
  static pthread_t t[N];
  for (long i = 0; i < N; i++)
    pthread_create(&t[i], NULL, work, (void *)i);
  for (int i = 0; i < N; i++)
    pthread_join(t[i], NULL);
  printf("%ld\n", counter);
  return 0;
}
