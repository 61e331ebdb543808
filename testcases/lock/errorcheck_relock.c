// An error-checking mutex (PTHREAD_MUTEX_ERRORCHECK) locked again by its
// owner: instead of hanging, pthread_mutex_lock returns EDEADLK. It is still
// a bug (the program believed it was taking a free lock), so tangle reports
// it as a self-deadlock, and the program goes on since the call returned.
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: ! grep -q '"program.assert"' %t.json
// RUN: %tangle check %s > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// RUN: %python %S/../Inputs/schedule.py %t.json lock.self-deadlock > %t.schedule
// RUN: %tangle replay --schedule "$(cat %t.schedule)" %s --format json > %t.replay.json; test $? -eq 1
// RUN: FileCheck %s --check-prefix=REPLAY --input-file %t.replay.json
//
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"lock.self-deadlock"
// REPLAY: "id":{{ ?}}"lock.self-deadlock"
#define _XOPEN_SOURCE 700 // for pthread_mutexattr_settype
#include <assert.h>
#include <errno.h>
#include <pthread.h>

pthread_mutex_t m;
int counter;

void *worker(void *arg) {
  pthread_mutex_lock(&m);
  counter++;
  // TEXT: {{.*}}errorcheck_relock.c:[[@LINE+1]]:{{[0-9]+}}: error: {{.*}}[lock.self-deadlock]
  int rc = pthread_mutex_lock(&m); // relock by the owner
  assert(rc == EDEADLK);           // the errorcheck mutex refuses
  pthread_mutex_unlock(&m);
  return NULL;
}

int main(void) {
  pthread_mutexattr_t attr;
  pthread_mutexattr_init(&attr);
  pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_ERRORCHECK);
  pthread_mutex_init(&m, &attr);
  pthread_mutexattr_destroy(&attr);

  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  pthread_join(t, NULL);
  pthread_mutex_destroy(&m);
  return 0;
}
