// The twin of timedwait_bad_timespec.c: the deadline is normalised, so the
// wait, in its loop, ends when the flag is set or the time is up, as the
// program expects; a deadline with a bad tv_nsec gets EINVAL, which the
// program also expects. Clean.
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
#include <assert.h>
#include <errno.h>
#include <pthread.h>
#include <time.h>

pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
pthread_cond_t ready_cv = PTHREAD_COND_INITIALIZER;
int ready;

int main(void) {
  struct timespec deadline;
  clock_gettime(CLOCK_REALTIME, &deadline);
  deadline.tv_sec += 1;
  pthread_mutex_lock(&m);
  int rc = 0;
  while (!ready && rc != ETIMEDOUT) {
    rc = pthread_cond_timedwait(&ready_cv, &m, &deadline);
    assert(rc == 0 || rc == ETIMEDOUT);
  }
  struct timespec bad = deadline;
  bad.tv_nsec = -1;
  while (!ready && rc != EINVAL)
    rc = pthread_cond_timedwait(&ready_cv, &m, &bad);
  assert(rc == EINVAL);
  pthread_mutex_unlock(&m);
  return 0;
}
