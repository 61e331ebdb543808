// The clean twin of cross_tu_counter.c: the thread function (in
// counter_worker.c) writes the counter between counter_lock() and
// counter_unlock(), helpers defined in a third file, counter_lock.c. Linked,
// the three files hold the mutex around every write.
//
// RUN: %tangle-lint %s %S/Inputs/cross_tu/counter_worker.c %S/Inputs/cross_tu/counter_lock.c -- -I%S/Inputs/cross_tu > %t.txt; test $? -eq 0
// RUN: test ! -s %t.txt
// Without the file that defines the helpers, the writes are unlocked: the
// lock taken in counter_lock.c is what makes the run above clean.
// RUN: %tangle-lint %s %S/Inputs/cross_tu/counter_worker.c -- -I%S/Inputs/cross_tu > %t.nolock.txt; test $? -eq 1
// RUN: FileCheck %S/Inputs/cross_tu/counter_worker.c --check-prefix=NOLOCKFILE --input-file %t.nolock.txt --implicit-check-not=warning:
#include "counter.h"
#include <pthread.h>

long counter;

int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, count_locked, NULL);
  pthread_create(&b, NULL, count_locked, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  return counter == 2000 ? 0 : 1;
}
