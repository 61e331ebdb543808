// A global counter written by a thread function defined in another
// translation unit, with no lock: a data race that only linking the two
// files shows. The warning points into counter_worker.c; its notes into
// this file.
//
// RUN: %tangle-lint %s %S/Inputs/cross_tu/counter_worker.c -- -I%S/Inputs/cross_tu > %t.txt; test $? -eq 1
// RUN: FileCheck %S/Inputs/cross_tu/counter_worker.c --check-prefix=UNLOCKED --input-file %t.txt --implicit-check-not=warning:
// RUN: FileCheck %s --input-file %t.txt
// Alone, this file starts a thread whose body it cannot see: nothing to say.
// RUN: %tangle-lint %s -- -I%S/Inputs/cross_tu > %t.alone.txt; test $? -eq 0
// RUN: test ! -s %t.alone.txt
#include "counter.h"
#include <pthread.h>

long counter;

int main(void) {
  pthread_t a, b;
  // CHECK: cross_tu_counter.c:[[@LINE+1]]:3: note: thread 'count_unlocked' #1 is started here
  pthread_create(&a, NULL, count_unlocked, NULL);
  // CHECK: cross_tu_counter.c:[[@LINE+1]]:3: note: thread 'count_unlocked' #2 is started here
  pthread_create(&b, NULL, count_unlocked, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  return counter == 2000 ? 0 : 1; // after the joins: not a race
}
