// long_analysis.c with 3 atomics instead of 3,000: the analysis of each
// execution is short, and the exploration ends by itself well within its
// budget: clean and complete, in 3 executions.
//
// RUN: %tangle check %s --no-lint --strategy dpor --timeout 20 --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json
//
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
// CHECK-DAG: "executions":{{ ?}}3,
#include <pthread.h>
#include <stdatomic.h>

#ifndef N
#define N 3
#endif

static _Atomic int values[N];

static void *reader(void *arg) {
  long sum = 0;
  for (int i = 0; i < N; i++)
    sum += atomic_load_explicit(&values[i], memory_order_relaxed);
  return (void *)sum;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, 0, reader, 0);
  for (int i = 0; i < N; i++)
    atomic_store_explicit(&values[i], i, memory_order_relaxed);
  pthread_join(t, 0);
  return 0;
}
