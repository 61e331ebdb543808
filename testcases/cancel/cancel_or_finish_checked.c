// The twin of cancel_or_finish.c: main accepts either order, and checks
// that a cancelled worker added nothing and a finished one its share.
// Both orders are explored (2 executions or more); clean.
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
// CHECK-DAG: "executions":{{ ?}}{{[2-9]}}
#include <assert.h>
#include <pthread.h>
#include <unistd.h>

pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
int total;

static void *worker(void *arg) {
  usleep(100);
  pthread_mutex_lock(&m);
  total += 1;
  pthread_mutex_unlock(&m);
  return arg;
}

int main(void) {
  pthread_t t;
  void *result;
  pthread_create(&t, NULL, worker, NULL);
  pthread_cancel(t);
  pthread_join(t, &result);
  pthread_mutex_lock(&m);
  assert(result == PTHREAD_CANCELED ? total == 0 : total == 1);
  pthread_mutex_unlock(&m);
  return 0;
}
