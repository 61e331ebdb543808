// A test-and-test-and-set spin lock whose atomics go through small helper
// functions kept out of line (as a library's would be): 3 threads take it 10
// times each to increment a counter. Correct. A spin is recognised by the
// variable it reads and the values seen, not by the instruction, so the
// helpers do not hide it: the spinner lets the holder run, and no execution is
// a false `deadlock.stall` ("spins ... no other thread can run", as it once
// was). Too many interleavings to finish here: stopped by a limit, no finding.
// `bench/realsize.sh` runs it with the default 60 s budget.
// Twin: spin_lock_helpers_broken.c.
//
// RUN: %tangle check %s --no-lint --max-executions 50 --format json > %t.json; test $? -eq 3
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"incomplete"
// CHECK-DAG: "stopped_by":{{ ?}}"max-executions"
// CHECK-DAG: "preemptions_complete":{{ ?}}{{-?[0-9]+}}
// CHECK-DAG: "findings":{{ ?}}[]
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

__attribute__((noinline)) static int flag_exchange(atomic_int *flag, int v) {
  return atomic_exchange_explicit(flag, v, memory_order_acquire);
}

static void spin_lock(void) {
  while (flag_exchange(&locked, 1))
    while (flag_load(&locked))
      ; // wait until it looks free, then try again
}

static void spin_unlock(void) { flag_store(&locked, 0); }

static void *work(void *arg) {
  for (int i = 0; i < ITERATIONS; i++) {
    spin_lock();
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
