// Clean twin of unlock_not_owner.c: each thread unlocks only the lock it
// locked itself, and main does not hold the lock while it creates and joins.
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
#include <pthread.h>

pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
int total;

void *worker(void *arg) {
  pthread_mutex_lock(&m);
  total += 5;
  pthread_mutex_unlock(&m); // the owner releases it
  return NULL;
}

int main(void) {
  pthread_t t;
  pthread_mutex_lock(&m);
  total = 1;
  pthread_mutex_unlock(&m);
  pthread_create(&t, NULL, worker, NULL);
  pthread_mutex_lock(&m);
  total *= 2;
  pthread_mutex_unlock(&m);
  pthread_join(t, NULL);
  return 0;
}
