// The twin of stack_mutex_reused.c: the second call locks its (new) mutex
// twice. The report is about the second call's own mutex: lock.self-deadlock,
// not a use of the first call's destroyed one.
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"lock.self-deadlock"
// CHECK-NOT: "lock.uninitialized"
#include <pthread.h>

int total;

static void tally(int twice) {
  pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
  pthread_mutex_lock(&m);
  if (twice)
    pthread_mutex_lock(&m); // a normal mutex: waits for itself
  total++;
  pthread_mutex_unlock(&m);
  pthread_mutex_destroy(&m);
}

int main(void) {
  tally(0);
  tally(1);
  return 0;
}
