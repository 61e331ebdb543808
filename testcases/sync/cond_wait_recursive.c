// A condition wait on a recursive mutex locked twice: the wait releases one
// level only, so the signaller can never lock the mutex.
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"lock.cond-wait-recursive"
// RUN: %tangle check %s > %t.txt; test $? -eq 1
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
#define _GNU_SOURCE
#include <pthread.h>

pthread_mutex_t m = PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP;
pthread_cond_t c = PTHREAD_COND_INITIALIZER;
int ready;

void wait_ready(void) {
  pthread_mutex_lock(&m); // second level
  while (!ready)
    // TEXT: cond_wait_recursive.c:[[@LINE+1]]:{{.*}}waits on the condition c holding its recursive mutex more than once{{.*}}[lock.cond-wait-recursive]
    pthread_cond_wait(&c, &m);
  pthread_mutex_unlock(&m);
}

void *waiter(void *arg) {
  pthread_mutex_lock(&m);
  wait_ready();
  pthread_mutex_unlock(&m);
  return NULL;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, waiter, NULL);
  pthread_mutex_lock(&m);
  ready = 1;
  pthread_cond_signal(&c);
  pthread_mutex_unlock(&m);
  pthread_join(t, NULL);
  return 0;
}
