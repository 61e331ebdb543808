// Thread 1 sums the upper half of an array; thread 2 then fills the whole
// array; nothing orders them. Each loop's accesses are one run in the
// access log (runtime/tsan_interface.cpp, extendedRun): the writer's run
// starts at data[0], which the reader never touches. The race is on the
// first element both touch, data[2048], and that is what the report names
// (model/detect/races.cpp names a range by the racing byte). The twin
// joins the reader before the writer starts: clean.
//
// RUN: %tangle check %s --no-lint > %t.txt; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt
// RUN: %tangle check %s --no-lint -- -DJOINED > %t.joined.txt; test $? -eq 0
// RUN: FileCheck %s --check-prefix=JOINED --input-file %t.joined.txt
//
// CHECK: error: data race on data[2048]: thread 2 (fill) writes it at {{.*}}array_sweep_named_at_overlap.c:[[#@LINE+22]] holding no lock, while thread 1 (sum_upper) reads it at {{.*}}array_sweep_named_at_overlap.c:[[#@LINE+15]]
// CHECK-NOT: error:
// CHECK: tangle: bugs: 1 finding
//
// JOINED: tangle: clean
#include <pthread.h>
#include <stdio.h>

#define M 4096
int data[M];
long total;

void *sum_upper(void *arg) {
  long sum = 0;
  for (int i = M / 2; i < M; i++)
    sum += data[i];
  total = sum;
  return arg;
}

void *fill(void *arg) {
  for (int i = 0; i < M; i++)
    data[i] = i;
  return arg;
}

int main(void) {
  pthread_t reader, writer;
  pthread_create(&reader, 0, sum_upper, 0);
#ifdef JOINED
  pthread_join(reader, 0);
#endif
  pthread_create(&writer, 0, fill, 0);
#ifndef JOINED
  pthread_join(reader, 0);
#endif
  pthread_join(writer, 0);
  printf("%ld\n", total);
  return 0;
}
