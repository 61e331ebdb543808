// AB/BA orders, but every thread first takes a gate lock G and holds it while
// it takes A and B. Only one thread at a time can be between lock(G) and
// unlock(G), so the opposite orders can never interleave: no deadlock.
// (ThreadSanitizer and Helgrind report a false lock-order inversion here.)
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
#include <pthread.h>

pthread_mutex_t G = PTHREAD_MUTEX_INITIALIZER; // the gate
pthread_mutex_t A = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t B = PTHREAD_MUTEX_INITIALIZER;
int shared;

void *t1(void *arg) {
  pthread_mutex_lock(&G);
  pthread_mutex_lock(&A);
  pthread_mutex_lock(&B);
  shared++;
  pthread_mutex_unlock(&B);
  pthread_mutex_unlock(&A);
  pthread_mutex_unlock(&G);
  return NULL;
}

void *t2(void *arg) {
  pthread_mutex_lock(&G);
  pthread_mutex_lock(&B); // opposite order, but protected by G
  pthread_mutex_lock(&A);
  shared--;
  pthread_mutex_unlock(&A);
  pthread_mutex_unlock(&B);
  pthread_mutex_unlock(&G);
  return NULL;
}

int main(void) {
  pthread_t x, y;
  pthread_create(&x, NULL, t1, NULL);
  pthread_create(&y, NULL, t2, NULL);
  pthread_join(x, NULL);
  pthread_join(y, NULL);
  return 0;
}
