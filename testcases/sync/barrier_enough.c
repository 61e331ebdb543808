// Clean twin of barrier_too_few.c: the barrier counts the 2 workers.
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
#include <pthread.h>

pthread_barrier_t phase;

void *worker(void *arg) {
  pthread_barrier_wait(&phase); // waits until 2 threads arrived
  return NULL;
}

int main(void) {
  pthread_t a, b;
  pthread_barrier_init(&phase, NULL, 2);
  pthread_create(&a, NULL, worker, NULL);
  pthread_create(&b, NULL, worker, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  pthread_barrier_destroy(&phase);
  return 0;
}
