// AB in one thread, BA in a thread created only after the first was
// joined: the cycle is in the lock graph, but create/join order the two,
// so nothing is predicted (counted as ordered by create/join).
// Its twin where the threads overlap is predict_command.c.
//
// RUN: %tangle run %s --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json
//
// CHECK-DAG: "verdict":{{ ?}}"no-hang"
// CHECK-DAG: "cycles":{{ ?}}1
// CHECK-DAG: "ordered_by_join":{{ ?}}1
// CHECK-DAG: "feasible":{{ ?}}0
// CHECK-NOT: "id":{{ ?}}"deadlock.cycle"
#include <pthread.h>

pthread_mutex_t A = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t B = PTHREAD_MUTEX_INITIALIZER;

void *ab(void *arg) {
  pthread_mutex_lock(&A);
  pthread_mutex_lock(&B);
  pthread_mutex_unlock(&B);
  pthread_mutex_unlock(&A);
  return 0;
}

void *ba(void *arg) {
  pthread_mutex_lock(&B);
  pthread_mutex_lock(&A);
  pthread_mutex_unlock(&A);
  pthread_mutex_unlock(&B);
  return 0;
}

int main(void) {
  pthread_t x, y;
  pthread_create(&x, 0, ab, 0);
  pthread_join(x, 0);
  pthread_create(&y, 0, ba, 0);
  pthread_join(y, 0);
  return 0;
}
