// pthread_cond_wait without holding its mutex: the waiter forgot the lock.
// POSIX makes this undefined; the wait no longer pairs the check of `ready`
// with going to sleep. (A timed wait, so that the program ends.) Twin: cond_wait_locked.c.
//
// RUN: %tangle check %s --format json --no-lint > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"lock.cond-wait-unlocked"
#include <pthread.h>
#include <time.h>

pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
pthread_cond_t go = PTHREAD_COND_INITIALIZER;

void *waiter(void *arg) {
  struct timespec deadline;
  clock_gettime(CLOCK_REALTIME, &deadline);
  deadline.tv_sec += 1;
  pthread_cond_timedwait(&go, &m, &deadline); // the bug: m is not locked
  return NULL;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, waiter, NULL);
  pthread_join(t, NULL);
  return 0;
}
