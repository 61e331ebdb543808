// counter.c fixed: every access to count is under the same mutex, and main
// reads it only after joining both threads.
//
// RUN: %tangle check %s --format json > %t.json
// RUN: FileCheck %s --input-file %t.json
//
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
// CHECK-DAG: "races_checked":{{ ?}}true
#include <pthread.h>

pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
int count;

void *worker(void *arg) {
  pthread_mutex_lock(&lock);
  count++;
  pthread_mutex_unlock(&lock);
  return NULL;
}

int main(void) {
  pthread_t t1, t2;
  pthread_create(&t1, NULL, worker, NULL);
  pthread_create(&t2, NULL, worker, NULL);
  pthread_join(t1, NULL);
  pthread_join(t2, NULL);
  return count == 2 ? 0 : 1;
}
