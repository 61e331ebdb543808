// Main destroys the mutex while the worker may still use it: a lock or
// unlock after pthread_mutex_destroy fails with EINVAL (glibc marks a
// destroyed mutex invalid) and protects nothing. lock.uninitialized, naming
// the destroy. Fix: join the worker first (mutex_destroyed_after_join.c).
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: %tangle check %s > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"lock.uninitialized"
#include <pthread.h>

pthread_mutex_t m;
int counter;

void *worker(void *arg) {
  pthread_mutex_lock(&m);
  counter++;
  pthread_mutex_unlock(&m);
  return NULL;
}

int main(void) {
  pthread_mutex_init(&m, NULL);
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  // TEXT-DAG: error: thread 1 (worker) uses m (lock) after it was destroyed at {{.*}}mutex_destroyed_too_early.c:[[@LINE+1]]: {{.*}}[lock.uninitialized]
  pthread_mutex_destroy(&m); // the worker may not be done with it
  pthread_join(t, NULL);
  return 0;
}
