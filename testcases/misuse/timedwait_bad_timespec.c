// The deadline's tv_nsec is 1,000,000,000 (out of range): glibc's
// pthread_cond_timedwait returns EINVAL at once, without waiting or
// releasing the mutex, as tangle's does. The program assumes the wait
// either got the signal or timed out: program.assert. Fix: normalise the
// timespec (tv_nsec below 1e9) (timedwait_good_timespec.c).
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"program.assert"
#include <assert.h>
#include <errno.h>
#include <pthread.h>
#include <time.h>

pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
pthread_cond_t ready_cv = PTHREAD_COND_INITIALIZER;

int main(void) {
  struct timespec deadline;
  clock_gettime(CLOCK_REALTIME, &deadline);
  deadline.tv_sec += 1;
  deadline.tv_nsec = 1000000000; // one past the last valid value
  pthread_mutex_lock(&m);
  int rc = pthread_cond_timedwait(&ready_cv, &m, &deadline);
  assert(rc == 0 || rc == ETIMEDOUT);
  pthread_mutex_unlock(&m);
  return 0;
}
