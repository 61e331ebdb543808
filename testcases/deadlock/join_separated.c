// Opposite lock orders that can never overlap: main creates and joins
// thread 1 before it creates thread 2, so thread 2's B-then-A happens after
// thread 1 has finished its A-then-B. No deadlock is possible, so the verdict
// is clean; a lock.order-inversion warning, which does not count, says it
// would deadlock if the threads ever ran at once (testcases/lockorder/).
// (ThreadSanitizer and Helgrind report a deadlock here.)
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
// CHECK-DAG: "reason":{{ ?}}"ordered-by-join"
#include <pthread.h>

pthread_mutex_t A = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t B = PTHREAD_MUTEX_INITIALIZER;
int shared;

void *t1(void *arg) {
  pthread_mutex_lock(&A);
  pthread_mutex_lock(&B);
  shared++;
  pthread_mutex_unlock(&B);
  pthread_mutex_unlock(&A);
  return NULL;
}

void *t2(void *arg) {
  pthread_mutex_lock(&B);
  pthread_mutex_lock(&A);
  shared--;
  pthread_mutex_unlock(&A);
  pthread_mutex_unlock(&B);
  return NULL;
}

int main(void) {
  pthread_t x, y;
  pthread_create(&x, NULL, t1, NULL);
  pthread_join(x, NULL); // thread 1 is finished before thread 2 exists
  pthread_create(&y, NULL, t2, NULL);
  pthread_join(y, NULL);
  return 0;
}
