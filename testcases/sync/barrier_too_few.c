// A barrier for 3 parties with only 2 threads arriving: both wait forever.
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"deadlock.stall"
// RUN: %tangle check %s > %t.txt; test $? -eq 1
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// TEXT: waits at barrier phase in worker at line {{[0-9]+}}; barrier of 3 with 2 arrived
#include <pthread.h>

pthread_barrier_t phase;

void *worker(void *arg) {
  pthread_barrier_wait(&phase); // waits until 3 threads arrived
  return NULL;
}

int main(void) {
  pthread_t a, b;
  pthread_barrier_init(&phase, NULL, 3);
  pthread_create(&a, NULL, worker, NULL);
  pthread_create(&b, NULL, worker, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  pthread_barrier_destroy(&phase);
  return 0;
}
