// Twin of destroy_waited.c: wake the worker, join it, then destroy.
//
// RUN: %tangle check %s --format json --no-lint > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
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
  pthread_mutex_lock(&m);
  started = 1;
  pthread_cond_signal(&go);
  pthread_mutex_unlock(&m);
  pthread_join(t, NULL);
  pthread_cond_destroy(&go);
  return 0;
}
