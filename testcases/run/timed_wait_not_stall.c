// tangle run: a timed wait is waiting, not blocked for good. Two workers
// block until main lets them go (a semaphore; the first also holds a mutex
// and a write lock); main first waits 1 s, ten times --hang-after, for
// something nobody gives it -- a condition nobody signals, the semaphore,
// the worker's mutex or write lock, C11's cnd_timedwait and mtx_timedlock
// -- then lets the workers go. Every
// thread waits and nothing moves for longer than --hang-after, but main's
// wait ends by itself: no stall. (Before timed waits were told apart, this
// run was a deadlock.stall at 0.1 s with the default --hang-after 3 a 3 s
// wait was one.)
//
// -DFOREVER: main waits again after each timeout, for good, and never lets
// the workers go: nothing but main's timeouts moves, and nothing left can
// end its wait. A retry loop that cannot succeed is a stall, as tangle
// check calls a hopeless trylock loop (testcases/deadlock/trylock_hopeless.c),
// once nothing but timeouts moved for 20 times --hang-after (2 s here): a
// bounded retry loop gets that long to give up by itself.
//
// RUN: %tangle run %s --hang-after 0.1 --no-predict > %t.cond.txt 2>&1
// RUN: FileCheck %s --input-file %t.cond.txt
// RUN: %tangle run %s --hang-after 0.1 --no-predict -- -DWAIT=1 > %t.clock.txt 2>&1
// RUN: FileCheck %s --input-file %t.clock.txt
// RUN: %tangle run %s --hang-after 0.1 --no-predict -- -DWAIT=2 > %t.sem.txt 2>&1
// RUN: FileCheck %s --input-file %t.sem.txt
// RUN: %tangle run %s --hang-after 0.1 --no-predict -- -DWAIT=3 > %t.mutex.txt 2>&1
// RUN: FileCheck %s --input-file %t.mutex.txt
// RUN: %tangle run %s --hang-after 0.1 --no-predict -- -DWAIT=4 > %t.rwlock.txt 2>&1
// RUN: FileCheck %s --input-file %t.rwlock.txt
// RUN: %tangle run %s --hang-after 0.1 --no-predict -- -DWAIT=5 > %t.cnd.txt 2>&1
// RUN: FileCheck %s --input-file %t.cnd.txt
// RUN: %tangle run %s --hang-after 0.1 --no-predict -- -DWAIT=6 > %t.mtx.txt 2>&1
// RUN: FileCheck %s --input-file %t.mtx.txt
// CHECK-NOT: deadlock.stall
// CHECK: tangle: no hang in this run: the program exited with status 0
//
// RUN: %tangle run %s --hang-after 0.1 --no-predict -- -DFOREVER > %t.forever.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --check-prefix=FOREVER --input-file %t.forever.txt
// RUN: %tangle run %s --hang-after 0.1 --no-predict -- -DFOREVER -DWAIT=3 > %t.forever-mutex.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --check-prefix=FOREVER-MUTEX --input-file %t.forever-mutex.txt
// FOREVER: error: deadlock: every live thread is blocked: main thread waits to wait nobody_signals, thread 1 waits on semaphore go {{.*}}; main thread waits with a timeout, times out and waits again: nothing but its timeouts moved for 2.00 s [deadlock.stall]
// FOREVER: timed_wait_not_stall.c:98:12: note: main thread waits here to wait nobody_signals
// FOREVER: tangle: bugs: 1 finding in one recorded run
// FOREVER-MUTEX: error: deadlock: every live thread is blocked: main thread waits to timedlock held, {{.*}}; main thread waits with a timeout, times out and waits again: nothing but its timeouts moved for 2.00 s [deadlock.stall]
// FOREVER-MUTEX: timed_wait_not_stall.c:70:5: note: thread 1 (worker) holds held, locked here
#ifndef _GNU_SOURCE // pthread_cond_clockwait (tangle run FILE.c defines it)
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <threads.h>
#include <time.h>

// WAIT: 0 cond timedwait, 1 clockwait, 2 sem, 3 mutex, 4 rwlock,
// 5 cnd_timedwait, 6 mtx_timedlock.
#ifndef WAIT
#define WAIT 0
#endif

pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t held = PTHREAD_MUTEX_INITIALIZER;
pthread_rwlock_t table = PTHREAD_RWLOCK_INITIALIZER;
pthread_cond_t nobody_signals = PTHREAD_COND_INITIALIZER;
mtx_t c11_m, c11_held;
cnd_t c11_nobody_signals;
sem_t go, taken, never_posted;

void *worker(void *arg) {
  if (arg) { // the first takes what main's timed lock waits for
    pthread_mutex_lock(&held);
    pthread_rwlock_wrlock(&table);
    mtx_lock(&c11_held);
  }
  sem_post(&taken);
  sem_wait(&go);
  if (arg) {
    mtx_unlock(&c11_held);
    pthread_rwlock_unlock(&table);
    pthread_mutex_unlock(&held);
  }
  return 0;
}

struct timespec in(clockid_t clock, long ms) {
  struct timespec at;
  clock_gettime(clock, &at);
  at.tv_nsec += ms * 1000000L;
  at.tv_sec += at.tv_nsec / 1000000000L;
  at.tv_nsec %= 1000000000L;
  return at;
}

/// One wait of `ms` milliseconds that nobody ends: ETIMEDOUT.
int timedWait(long ms) {
  switch (WAIT) {
  case 0: {
    struct timespec at = in(CLOCK_REALTIME, ms);
    return pthread_cond_timedwait(&nobody_signals, &m, &at);
  }
  case 1: {
    struct timespec at = in(CLOCK_MONOTONIC, ms);
    return pthread_cond_clockwait(&nobody_signals, &m, CLOCK_MONOTONIC, &at);
  }
  case 2: {
    struct timespec at = in(CLOCK_REALTIME, ms);
    return sem_timedwait(&never_posted, &at) ? errno : 0;
  }
  case 3: {
    struct timespec at = in(CLOCK_REALTIME, ms);
    return pthread_mutex_timedlock(&held, &at);
  }
  case 4: {
    struct timespec at = in(CLOCK_REALTIME, ms);
    return pthread_rwlock_timedrdlock(&table, &at);
  }
  case 5: {
    struct timespec at = in(CLOCK_REALTIME, ms);
    return cnd_timedwait(&c11_nobody_signals, &c11_m, &at) == thrd_timedout
               ? ETIMEDOUT
               : 0;
  }
  default: {
    struct timespec at = in(CLOCK_REALTIME, ms);
    return mtx_timedlock(&c11_held, &at) == thrd_timedout ? ETIMEDOUT : 0;
  }
  }
}

int main(void) {
  sem_init(&go, 0, 0);
  sem_init(&taken, 0, 0);
  sem_init(&never_posted, 0, 0);
  mtx_init(&c11_m, mtx_plain);
  mtx_init(&c11_held, mtx_timed);
  cnd_init(&c11_nobody_signals);
  pthread_t workers[2];
  pthread_create(&workers[0], 0, worker, &workers[0]);
  pthread_create(&workers[1], 0, worker, 0);
  sem_wait(&taken);
  sem_wait(&taken);
  pthread_mutex_lock(&m);
  mtx_lock(&c11_m);
#ifdef FOREVER
  while (timedWait(50) == ETIMEDOUT) // nothing will ever end it
    ;
#else
  if (timedWait(1000) != ETIMEDOUT)
    return 1;
#endif
  mtx_unlock(&c11_m);
  pthread_mutex_unlock(&m);
  sem_post(&go);
  sem_post(&go);
  pthread_join(workers[0], 0);
  pthread_join(workers[1], 0);
  return 0;
}
