// Main "resets" the mutex with pthread_mutex_init while the worker may hold
// it: the init unlocks it under the worker, and a third party could enter
// the critical section. lock.reinit. Fix: initialise once, before the
// threads start (mutex_init_once.c).
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: %tangle check %s > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"lock.reinit"
// TEXT-DAG: note: fix: Initialise a mutex exactly once
#include <pthread.h>

pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
int counter;

void *worker(void *arg) {
  pthread_mutex_lock(&m);
  counter++;
  pthread_mutex_unlock(&m);
  return NULL;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  // TEXT-DAG: {{.*}}mutex_reinit_while_held.c:[[@LINE+1]]:{{[0-9]+}}: error: main thread initialises the mutex m again while it is in use: thread 1 (worker) holds it{{.*}}[lock.reinit]
  pthread_mutex_init(&m, NULL);
  pthread_join(t, NULL);
  return 0;
}
