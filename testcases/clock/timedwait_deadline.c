// "Wait at most 2 s for the worker, then give up": a condition whose clock
// is CLOCK_MONOTONIC (pthread_condattr_setclock), waited on until a
// deadline, and the same with sem_timedwait and pthread_mutex_timedlock on
// CLOCK_REALTIME. The worker never comes. Whichever timeout the explorer
// chooses, the waiting thread's virtual clock is then at the deadline: the
// program's check that the time really passed holds (clean). On the real
// clock it failed (program.assert): the timeout came at once.
//
// RUN: %tangle check %s --no-lint --format json > %t.json
// RUN: FileCheck %s --input-file %t.json
//
// CHECK-NOT: program.assert
// CHECK: "verdict":{{ ?}}"clean"
// CHECK-NOT: program.assert
#include <assert.h>
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <time.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t held = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t c;
static sem_t done, locked, release;
static int ready; // never set

static struct timespec inTwoSeconds(clockid_t clock) {
  struct timespec deadline;
  clock_gettime(clock, &deadline);
  deadline.tv_sec += 2;
  return deadline;
}

static int past(clockid_t clock, struct timespec deadline) {
  struct timespec now;
  clock_gettime(clock, &now);
  return now.tv_sec > deadline.tv_sec ||
         (now.tv_sec == deadline.tv_sec && now.tv_nsec >= deadline.tv_nsec);
}

// Holds `held` until main has given up on it.
static void *holder(void *arg) {
  pthread_mutex_lock(&held);
  sem_post(&locked);
  sem_wait(&release);
  pthread_mutex_unlock(&held);
  return arg;
}

int main(void) {
  pthread_condattr_t attr;
  pthread_condattr_init(&attr);
  pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
  pthread_cond_init(&c, &attr);
  sem_init(&done, 0, 0);
  sem_init(&locked, 0, 0);
  sem_init(&release, 0, 0);

  struct timespec deadline = inTwoSeconds(CLOCK_MONOTONIC);
  pthread_mutex_lock(&m);
  int rc = 0;
  while (!ready && rc != ETIMEDOUT)
    rc = pthread_cond_timedwait(&c, &m, &deadline);
  pthread_mutex_unlock(&m);
  assert(!ready && past(CLOCK_MONOTONIC, deadline));

  deadline = inTwoSeconds(CLOCK_REALTIME);
  while (sem_timedwait(&done, &deadline) != 0 && errno != ETIMEDOUT) {
  }
  assert(past(CLOCK_REALTIME, deadline));

  pthread_t t;
  pthread_create(&t, NULL, holder, NULL);
  sem_wait(&locked);
  deadline = inTwoSeconds(CLOCK_REALTIME);
  assert(pthread_mutex_timedlock(&held, &deadline) == ETIMEDOUT);
  assert(past(CLOCK_REALTIME, deadline));
  sem_post(&release);
  pthread_join(t, NULL);
  return 0;
}
