// pthread_barrier_init with a count of 0 fails with EINVAL, which the
// program ignores: the barrier was never initialised, and every wait on it
// is lock.uninitialized. Fix: a count of the number of threads that wait,
// and check the init's result (barrier_count_two.c).
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: %tangle check %s > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"lock.uninitialized"
// TEXT-DAG: error: {{.*}}uses phase (arrive), which was never initialised with a successful pthread_barrier_init (a count of 0 fails){{.*}}[lock.uninitialized]
#include <pthread.h>

pthread_barrier_t phase;
int parties = 0; // meant to be 2

void *worker(void *arg) {
  pthread_barrier_wait(&phase);
  return NULL;
}

int main(void) {
  pthread_barrier_init(&phase, NULL, parties); // EINVAL, ignored
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  pthread_barrier_wait(&phase);
  pthread_join(t, NULL);
  return 0;
}
