// The twin of mutex_destroyed_too_early.c: the mutex is destroyed after the
// worker is joined. Clean.
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
// RUN: %tangle check %s > %t.txt; test $? -eq 0
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// TEXT: tangle: clean: {{.*}}every interleaving explored
#include <pthread.h>

pthread_mutex_t m;
int counter;

void *worker(void *arg) {
  pthread_mutex_lock(&m);
  counter++;
  pthread_mutex_unlock(&m);
  return NULL;
}

int main(void) {
  pthread_mutex_init(&m, NULL);
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  pthread_join(t, NULL);
  pthread_mutex_destroy(&m);
  return 0;
}
