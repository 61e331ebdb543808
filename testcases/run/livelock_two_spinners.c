// tangle run: two threads each wait, spinning, for the other's flag, and
// neither ever sets its own first: a livelock, both running for good with
// no recorded operation. Two running threads may also be lock-free code
// that moves on unrecorded (lockfree_busy.c), so the watchdog waits 20
// times --hang-after before it calls it a hang -- but it does: a run
// without end is no answer. -DFIXED: the first thread sets its flag before
// it waits; both end.
//
// RUN: %tangle run %s --hang-after 0.1 > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt
// CHECK: error: 2 threads ran for 2.00 s without any recorded operation and nothing else made progress: they may loop forever (spinning on each other's flags, a livelock), or be lock-free code that runs that long [program.hang]
// RUN: %tangle run %s --hang-after 0.1 -- -DFIXED > %t.fixed.txt 2>&1
// RUN: FileCheck %s --check-prefix=FIXED --input-file %t.fixed.txt
// FIXED: tangle: no hang in this run: the program exited with status 0
#include <pthread.h>
#include <stdatomic.h>

#ifndef FIXED
#define FIXED 0
#endif

static atomic_int flag[2];

static void *spinner(void *arg) {
  int me = (int)(long)arg, other = 1 - me;
  if (FIXED && me == 0)
    atomic_store(&flag[me], 1);
  while (!atomic_load(&flag[other])) {
  }
  atomic_store(&flag[me], 1);
  return NULL;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, spinner, (void *)0L);
  pthread_create(&b, NULL, spinner, (void *)1L);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  return 0;
}
