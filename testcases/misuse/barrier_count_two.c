// The twin of barrier_count_zero.c: the count is the two threads that wait,
// and the init's result is checked. Clean.
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
// RUN: %tangle check %s > %t.txt; test $? -eq 0
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// TEXT: tangle: clean: {{.*}}every interleaving explored
#include <pthread.h>

pthread_barrier_t phase;
int parties = 2;

void *worker(void *arg) {
  pthread_barrier_wait(&phase);
  return NULL;
}

int main(void) {
  if (pthread_barrier_init(&phase, NULL, parties) != 0)
    return 1;
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  pthread_barrier_wait(&phase);
  pthread_join(t, NULL);
  pthread_barrier_destroy(&phase);
  return 0;
}
