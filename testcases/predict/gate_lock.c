// AB/BA under a gate lock G that both threads hold around the pair: the
// lock graph has the cycle, but no reordering can run the two inner pairs
// at once, so nothing is predicted (the candidate is counted as gated).
// Its twin without the gate is predict_command.c.
//
// RUN: %tangle run %s --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json
//
// CHECK-DAG: "verdict":{{ ?}}"no-hang"
// CHECK-DAG: "cycles":{{ ?}}1
// CHECK-DAG: "gated":{{ ?}}1
// CHECK-DAG: "feasible":{{ ?}}0
// CHECK-NOT: "id":{{ ?}}"deadlock.cycle"
#include <pthread.h>

pthread_mutex_t G = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t A = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t B = PTHREAD_MUTEX_INITIALIZER;

void *t1(void *arg) {
  pthread_mutex_lock(&G);
  pthread_mutex_lock(&A);
  pthread_mutex_lock(&B);
  pthread_mutex_unlock(&B);
  pthread_mutex_unlock(&A);
  pthread_mutex_unlock(&G);
  return 0;
}

void *t2(void *arg) {
  pthread_mutex_lock(&G);
  pthread_mutex_lock(&B);
  pthread_mutex_lock(&A);
  pthread_mutex_unlock(&A);
  pthread_mutex_unlock(&B);
  pthread_mutex_unlock(&G);
  return 0;
}

int main(void) {
  pthread_t x, y;
  pthread_create(&x, 0, t1, 0);
  pthread_create(&y, 0, t2, 0);
  pthread_join(x, 0);
  pthread_join(y, 0);
  return 0;
}
