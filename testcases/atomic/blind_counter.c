// Three threads count events into two C11 atomics, 100 times each, and
// never use what the updates return: `atomic_fetch_add(&events, 1);` and
// `hits++;` on an _Atomic int are blind updates. Updates of one kind
// commute, so one order of them is explored: clean, complete, one
// execution.
//
// RUN: %tangle check %s --no-lint --format json > %t.json
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
// CHECK-DAG: "executions":{{ ?}}1,
//
// The reduction needs the source: a binary built apart (here with the
// hooks, 2 threads x 3 iterations) is explored in every order of its
// updates of both counters, 192 executions, where the source takes one.
// RUN: %clang -g -O0 -fno-omit-frame-pointer -pthread -fsanitize=thread -fno-sanitize-link-runtime -DTHREADS=2 -DITERATIONS=3 %s %rtlib -Wl,-rpath,$(dirname %rtlib) -o %t.bin
// RUN: %tangle check --format json -- %t.bin > %t.bin.json
// RUN: FileCheck %s --check-prefix=PREBUILT --input-file %t.bin.json
// PREBUILT-DAG: "verdict":{{ ?}}"clean"
// PREBUILT-DAG: "executions":{{ ?}}192,
// RUN: %tangle check %s --no-lint --format json -- -DTHREADS=2 -DITERATIONS=3 > %t.small.json
// RUN: FileCheck %s --input-file %t.small.json
//
// Twin (-DLOST): the count is a load and then a store, which is not one
// update: two threads can load the same value and one increment is lost.
// RUN: %tangle check %s --no-lint --max-findings 1 > %t.lost.txt 2>&1 -- -DLOST; test $? -eq 1
// RUN: FileCheck %s --check-prefix=LOST --input-file %t.lost.txt
// LOST: error: assertion failed in main thread: {{.*}}[program.assert]
// LOST: atomic load   events
#include <assert.h>
#include <pthread.h>
#include <stdatomic.h>

#ifndef THREADS
#define THREADS 3
#endif
#ifndef ITERATIONS
#define ITERATIONS 100
#endif

atomic_int events;
_Atomic int hits;

void *work(void *arg) {
  for (int i = 0; i < ITERATIONS; i++) {
#ifdef LOST
    int seen = atomic_load(&events);
    atomic_store(&events, seen + 1);
#else
    atomic_fetch_add(&events, 1);
#endif
    hits++;
  }
  return NULL;
}

int main(void) {
  pthread_t threads[THREADS];
  for (int i = 0; i < THREADS; i++)
    pthread_create(&threads[i], NULL, work, NULL);
  for (int i = 0; i < THREADS; i++)
    pthread_join(threads[i], NULL);
  assert(atomic_load(&events) == THREADS * ITERATIONS);
  assert(hits == THREADS * ITERATIONS);
  return 0;
}
