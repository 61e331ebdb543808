// OSTEP's threads-intro/t1.c at the size its readers run it: two threads
// each add 1 to a shared counter a million times with no lock, the loop
// index on the stack with its address taken (so it is instrumented too).
// Every repeat of an access in one stretch of a thread (no visible
// operation in between) is logged once: the threads' accesses fit in the
// access log at any loop count. Before, the first thread's 5 million
// accesses filled the log, the second thread's were not logged, and the
// verdict was "clean" (with a note that races were checked in part); at
// 100,000 loops the update `counter = counter + 1` was two findings, a
// write/write and a read/write, because the log ended between a read and
// its write. Now: one race.data, the update's, and no partial check. The
// twin joins the first thread before it starts the second: clean, with no
// note either.
//
// RUN: %tangle check %s --no-lint > %t.txt; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt --implicit-check-not="checked in part"
// RUN: %tangle check %s --no-lint -- -DJOIN_FIRST > %t.first.txt; test $? -eq 0
// RUN: FileCheck %s --check-prefix=FIRST --input-file %t.first.txt --implicit-check-not="checked in part"
//
// CHECK: counter_million_unlocked.c:[[#LOOP:]]:{{[0-9]+}}: error: data race on counter: thread 2 (count) writes it {{.*}}, while thread 1 (count) writes it {{.*}}[race.data]
// CHECK-NOT: error:
// CHECK: tangle: bugs: 1 finding in 1 execution
//
// FIRST: tangle: clean
#include <pthread.h>
#include <stdio.h>

#define LOOPS 1000000

volatile int counter;

static void *count(void *arg) {
  int i;
  int *where = &i; // the index escapes: its accesses are logged too
  for (*where = 0; i < LOOPS; i++)
    counter = counter + 1;
  return arg;
}

int main(void) {
  pthread_t one, two;
  pthread_create(&one, NULL, count, NULL);
#ifdef JOIN_FIRST
  pthread_join(one, NULL);
#endif
  pthread_create(&two, NULL, count, NULL);
#ifndef JOIN_FIRST
  pthread_join(one, NULL);
#endif
  pthread_join(two, NULL);
  printf("counter = %d\n", counter);
  return 0;
}
