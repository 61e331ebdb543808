// Clean twin of destroy_locked.c: unlock, then destroy.
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
#include <pthread.h>

pthread_mutex_t m;
int total, final_total;

void *worker(void *arg) {
  pthread_mutex_lock(&m);
  total += 5;
  pthread_mutex_unlock(&m);
  return NULL;
}

void report(void) {
  pthread_mutex_lock(&m);
  final_total = total;
  pthread_mutex_unlock(&m);
  pthread_mutex_destroy(&m); // free and no thread will use it again
}

int main(void) {
  pthread_t t1, t2;
  pthread_mutex_init(&m, NULL);
  pthread_create(&t1, NULL, worker, NULL);
  pthread_create(&t2, NULL, worker, NULL);
  pthread_join(t1, NULL);
  pthread_join(t2, NULL);
  report();
  return 0;
}
