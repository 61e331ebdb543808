// The virtual clock's values: under check (and replay) the realtime clock
// starts at the fixed base 2026-01-01T00:00:00Z (1767225600) and the
// monotonic one at 1000 s, in every execution alike; a thread created by
// main starts at main's time, its sleep(2) moves its own clock 2 s on, and
// main, joining it, is at least as late. `tangle run` (record mode) and
// --real-time read the real clock.
//
// RUN: %clang -g -O0 -pthread %s -o %t.bin
// RUN: %tangle check --show-output -- %t.bin > %t.out 2>&1
// RUN: FileCheck %s --input-file %t.out
// RUN: %tangle check --real-time --show-output -- %t.bin > %t.real.out 2>&1
// RUN: FileCheck %s --check-prefix=REAL --input-file %t.real.out
// RUN: %tangle run --show-output -- %t.bin > %t.run.out 2>&1
// RUN: FileCheck %s --check-prefix=REAL --input-file %t.run.out
//
// CHECK: main starts at realtime 1767225600 monotonic 1000
// CHECK: worker slept 2 s
// CHECK: main joined 2 s after its start
// REAL: main starts at realtime
// REAL-NOT: realtime 1767225600 monotonic 1000
#include <pthread.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

static long long monotonicSeconds(void) {
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return (long long)now.tv_sec;
}

static void *sleeper(void *arg) {
  long long start = monotonicSeconds();
  sleep(2);
  printf("worker slept %lld s\n", monotonicSeconds() - start);
  return arg;
}

int main(void) {
  long long start = monotonicSeconds();
  printf("main starts at realtime %lld monotonic %lld\n", (long long)time(NULL),
         start);
  pthread_t t;
  pthread_create(&t, NULL, sleeper, NULL);
  pthread_join(t, NULL);
  printf("main joined %lld s after its start\n", monotonicSeconds() - start);
  return 0;
}
