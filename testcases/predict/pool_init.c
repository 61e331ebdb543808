// A pool as real programs build one: its two mutexes and its condition are
// in a malloc'd block, initialised by pthread_mutex_init and
// pthread_cond_init; each worker calls pthread_once for a set-up; in each of
// 300 rounds two workers report ready through
// an atomic counter that main spins on, take A and B, and are joined; main
// destroys and frees it all at the end. In the last round the second worker
// takes B before A, so the two can deadlock, and both count `finished`
// without a lock, a data race.
// A recorded run has none of the inits, destroys, frees or atomic loads
// that the controlled runtime schedules, and it records the end of every
// pthread_once, where the controlled runtime has a step only for the one
// that ran the routine (pigz's yarn): the replay of the recorded order
// runs them between the recorded steps (before, the replay stopped at the
// first init: "at step 2 it names thread 1, which does not exist"), so
// prediction confirms the deadlock and checks the races.
// Fix: take A before B in every worker, and count `finished` under A
// (-DFIXED: the same replay runs and checks the races, and finds none).
//
// RUN: %tangle run %s --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: %tangle run %s > %t.txt; test $? -eq 1
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"deadlock.cycle"
// CHECK-DAG: "id":{{ ?}}"race.data"
// CHECK-DAG: "races_checked":{{ ?}}true
// CHECK-DAG: "confirmed":{{ ?}}1
// TEXT-DAG: error: {{.*}}[deadlock.cycle]
// TEXT-DAG: error: data race on pool->finished: {{.*}}[race.data]
// TEXT-DAG: note: prediction: {{.*}}1 confirmed by replay; 1 race in the replay of the recorded order
// TEXT-NOT: does not fit
//
// RUN: %tangle run %s --format json -- -DFIXED > %t.fixed.json
// RUN: FileCheck %s --check-prefix=FIXED --input-file %t.fixed.json
// FIXED-DAG: "verdict":{{ ?}}"no-hang"
// FIXED-DAG: "races_checked":{{ ?}}true
// FIXED-DAG: "races":{{ ?}}0
// FIXED-NOT: "id":
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

#ifndef FIXED
#define FIXED 0
#endif

enum { Rounds = 300 };

struct pool {
  pthread_mutex_t a, b;
  pthread_cond_t idle;
  atomic_int ready;
  long balance[2];
  long finished;
};

static struct pool *pool;
static pthread_once_t setup = PTHREAD_ONCE_INIT;
static long setups;

static void setUp(void) { setups++; }

static void *worker(void *arg) {
  long role = (long)arg; // 0 forward, 1 backward, 2 backward and last
  pthread_once(&setup, setUp);
  atomic_fetch_add(&pool->ready, 1);
  pthread_mutex_t *first = role == 2 && !FIXED ? &pool->b : &pool->a;
  pthread_mutex_t *second = role == 2 && !FIXED ? &pool->a : &pool->b;
  pthread_mutex_lock(first);
  pthread_mutex_lock(second);
  pool->balance[0] -= 1;
  pool->balance[1] += 1;
  if (FIXED && (role == 2 || pool->ready > 2 * Rounds - 2))
    pool->finished += 1; // under A
  pthread_mutex_unlock(second);
  pthread_mutex_unlock(first);
  if (!FIXED && (role == 2 || pool->ready > 2 * Rounds - 2))
    pool->finished += 1; // the last round's: no lock, the race
  return 0;
}

int main(void) {
  pool = calloc(1, sizeof *pool);
  pthread_mutex_init(&pool->a, 0);
  pthread_mutex_init(&pool->b, 0);
  pthread_cond_init(&pool->idle, 0);
  for (int round = 0; round < Rounds; ++round) {
    pthread_t x, y;
    pthread_create(&x, 0, worker, (void *)0);
    pthread_create(&y, 0, worker, (void *)(long)(round == Rounds - 1 ? 2 : 1));
    while (atomic_load(&pool->ready) < 2 * (round + 1)) // both started
      ;
    pthread_join(x, 0);
    pthread_join(y, 0);
  }
  pthread_cond_destroy(&pool->idle);
  pthread_mutex_destroy(&pool->b);
  pthread_mutex_destroy(&pool->a);
  free(pool);
  return 0;
}
