// Twin of spurious_no_loop.c: the wait sits in a predicate loop, so even
// spurious wake-ups are harmless.
//
// RUN: %tangle check %s --spurious-wakeups --format json --no-lint > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
#include <assert.h>
#include <pthread.h>

pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
pthread_cond_t ready_cv = PTHREAD_COND_INITIALIZER;
int ready;

void *consumer(void *arg) {
  pthread_mutex_lock(&m);
  while (!ready)
    pthread_cond_wait(&ready_cv, &m);
  assert(ready);
  pthread_mutex_unlock(&m);
  return NULL;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, consumer, NULL);
  pthread_mutex_lock(&m);
  ready = 1;
  pthread_cond_signal(&ready_cv);
  pthread_mutex_unlock(&m);
  pthread_join(t, NULL);
  return 0;
}
