// yield_barrier.c with the barrier set for 5 parties while only 4 threads
// come: the count never reaches 5, so every thread spins at the first
// barrier forever. That is a deadlock (`deadlock.stall`: they spin on
// `arrived` and nobody can change it), found in the first execution, and
// neither a `program.hang` nor a hang of tangle. Fix: yield_barrier.c.
//
// RUN: %tangle check %s --no-lint --max-findings 1 --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json --implicit-check-not=program.hang
// RUN: %tangle check %s --no-lint --max-findings 1 > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// RUN: %python %S/../Inputs/schedule.py %t.json deadlock.stall > %t.schedule
// RUN: %tangle replay --schedule "$(cat %t.schedule)" %s > %t.replay 2>&1; test $? -eq 1
// RUN: FileCheck %s --check-prefix=REPLAY --input-file %t.replay
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"deadlock.stall"
// TEXT: spins on arrived
// REPLAY: [deadlock.stall]
#include <assert.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>

#define THREADS 4
#define PARTIES 5 // one too many: only THREADS threads arrive

static atomic_int arrived;
static int slot[THREADS];

static void barrier_wait(int round) {
  atomic_fetch_add(&arrived, 1);
  while (atomic_load(&arrived) < PARTIES * round)
    sched_yield();
}

static void *work(void *arg) {
  long id = (long)arg;
  slot[id] = (int)id + 1;
  barrier_wait(1);
  int sum = 0;
  for (int i = 0; i < THREADS; i++)
    sum += slot[i];
  assert(sum == THREADS * (THREADS + 1) / 2);
  barrier_wait(2);
  slot[id] = 0;
  return NULL;
}

int main(void) {
  pthread_t t[THREADS];
  for (long i = 0; i < THREADS; i++)
    pthread_create(&t[i], NULL, work, (void *)i);
  for (int i = 0; i < THREADS; i++)
    pthread_join(t[i], NULL);
  return 0;
}
