// spin_lock_helpers.c with the lock taken in two steps: wait until the flag
// looks free, then store 1. Two threads can both see it free before either
// stores, and both increment the counter at once: a data race on `counter`
// (and, when an update is lost, the final assertion would fail). It needs a
// preemption between a thread's load and its store, inside a helper; tangle
// finds it in its first few executions. Fix: spin_lock_helpers.c (one
// atomic exchange).
//
// RUN: %tangle check %s --no-lint --max-findings 1 --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json --implicit-check-not=deadlock.stall
// RUN: %tangle check %s --no-lint --max-findings 1 > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// RUN: %python %S/../Inputs/schedule.py %t.json race.data > %t.schedule
// RUN: %tangle replay --schedule "$(cat %t.schedule)" %s > %t.replay 2>&1; test $? -eq 1
// RUN: FileCheck %s --check-prefix=REPLAY --input-file %t.replay
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"race.data"
// REPLAY: [race.data]
#include <assert.h>
#include <pthread.h>
#include <stdatomic.h>

#define THREADS 3
#define ITERATIONS 10

static atomic_int locked;
static int counter;

__attribute__((noinline)) static int flag_load(atomic_int *flag) {
  return atomic_load_explicit(flag, memory_order_acquire);
}

__attribute__((noinline)) static void flag_store(atomic_int *flag, int v) {
  atomic_store_explicit(flag, v, memory_order_release);
}

static void spin_lock(void) {
  while (flag_load(&locked))
    ;                     // wait until it looks free...
  flag_store(&locked, 1); // ...then take it: another may have, meanwhile
}

static void spin_unlock(void) { flag_store(&locked, 0); }

static void *work(void *arg) {
  for (int i = 0; i < ITERATIONS; i++) {
    spin_lock();
    // TEXT: spin_lock_helpers_broken.c:[[@LINE+1]]:{{[0-9]+}}: error: data race on counter: {{.*}}[race.data]
    counter++;
    spin_unlock();
  }
  return arg;
}

int main(void) {
  pthread_t t[THREADS];
  for (int i = 0; i < THREADS; i++)
    pthread_create(&t[i], NULL, work, NULL);
  for (int i = 0; i < THREADS; i++)
    pthread_join(t[i], NULL);
  assert(counter == THREADS * ITERATIONS);
  return 0;
}
