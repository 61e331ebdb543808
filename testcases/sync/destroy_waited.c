// Destroying a condition while a thread still waits on it: main gives up
// waiting for the worker and tears everything down without waking it.
// Under the interleaving where the worker is already waiting, the condition
// is destroyed under it (and the worker then waits forever). Twin:
// destroy_after_join.c.
//
// RUN: %tangle check %s --format json --no-lint > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"lock.destroy-waited"
#include <pthread.h>

pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
pthread_cond_t go = PTHREAD_COND_INITIALIZER;
int started;

void *worker(void *arg) {
  pthread_mutex_lock(&m);
  while (!started)
    pthread_cond_wait(&go, &m);
  pthread_mutex_unlock(&m);
  return NULL;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  pthread_detach(t);
  pthread_mutex_lock(&m);
  pthread_cond_destroy(&go); // the bug: the worker may be waiting on `go`
  pthread_mutex_unlock(&m);
  return 0;
}
