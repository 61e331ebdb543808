// A lost wake-up: the waiter waits without checking a predicate, so when
// the signal comes first nobody ever wakes it.
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"deadlock.stall"
// RUN: %tangle check %s > %t.txt; test $? -eq 1
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
#include <pthread.h>

pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
pthread_cond_t ready = PTHREAD_COND_INITIALIZER;

void *waiter(void *arg) {
  pthread_mutex_lock(&lock);
  // TEXT: waits on condition ready in waiter at line [[@LINE+1]]; nobody is left to signal it; the signal by main thread at line {{[0-9]+}} {{.*}} was lost
  pthread_cond_wait(&ready, &lock); // no predicate: the signal may be gone
  pthread_mutex_unlock(&lock);
  return NULL;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, waiter, NULL);
  pthread_mutex_lock(&lock);
  pthread_cond_signal(&ready);
  pthread_mutex_unlock(&lock);
  pthread_join(t, NULL);
  return 0;
}
