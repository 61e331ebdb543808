// A worker waits for `ready` with pthread_cond_timedwait; its first deadline
// has a bad tv_nsec (the program's own mistake, which it handles: EINVAL,
// then it fixes the deadline). glibc returns EINVAL at once, without
// releasing the mutex or waiting, and the controlled runtime makes no step
// of it. Record mode recorded a wait and a wake-up there (a release and a
// re-acquisition of the mutex that never happened), so the replay of the
// recorded order did not fit ("the program ended at step N, before the
// schedule's M steps") and its races were not checked. Now the bad call
// is not recorded, the replay runs, and it finds the race on `result`
// (the worker writes it after the wait; main reads it without the lock).
// Fix: join the worker before reading `result` (-DFIXED: the same replay,
// no race).
//
// RUN: %tangle run %s --trace %t.trace > %t.txt; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt
// CHECK: error: data race on result: {{.*}}[race.data]
// CHECK: note: prediction: {{.*}}1 race in the replay of the recorded order
// CHECK-NOT: races not checked
// The bad call left nothing in the trace: no wake-up with EINVAL (22).
// RUN: %tangle trace-dump %t.trace > %t.dump
// RUN: FileCheck %s --check-prefix=DUMP --input-file %t.dump
// DUMP: thread 1
// DUMP-NOT: -> 22
//
// RUN: %tangle run %s -- -DFIXED > %t.fixed.txt
// RUN: FileCheck %s --check-prefix=FIXED --input-file %t.fixed.txt
// FIXED: note: prediction: {{.*}}0 races in the replay of the recorded order
// FIXED-NOT: error:
#include <errno.h>
#include <pthread.h>
#include <time.h>

#ifndef FIXED
#define FIXED 0
#endif

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t ready_cv = PTHREAD_COND_INITIALIZER;
static int ready;
static int result;

static void *worker(void *arg) {
  (void)arg;
  struct timespec deadline;
  clock_gettime(CLOCK_REALTIME, &deadline);
  deadline.tv_nsec = 1000000000; // out of range: EINVAL
  pthread_mutex_lock(&lock);
  int rc = pthread_cond_timedwait(&ready_cv, &lock, &deadline);
  if (rc == EINVAL) {
    deadline.tv_nsec = 0;
    deadline.tv_sec += 5;
    while (!ready && rc != ETIMEDOUT)
      rc = pthread_cond_timedwait(&ready_cv, &lock, &deadline);
  }
  pthread_mutex_unlock(&lock);
  result = 42;
  return NULL;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  pthread_mutex_lock(&lock);
  ready = 1;
  pthread_cond_signal(&ready_cv);
  pthread_mutex_unlock(&lock);
#if FIXED
  pthread_join(t, NULL);
  int seen = result;
#else
  int seen = result; // the worker may be writing it
  pthread_join(t, NULL);
#endif
  return seen == 42 ? 0 : 0;
}
