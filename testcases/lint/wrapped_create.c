// Threads started and joined through error-checking wrappers defined in
// another file of the run (CS:APP's Pthread_create and Pthread_join in
// csapp.c, used by its badcnt.c): lint follows the wrapper to the
// pthread_create it makes, with the caller's start routine, argument and
// handle, so the two counting threads' race is reported at the caller's
// lines. The twin joins the first thread before it starts the second, and
// the wrapped join orders them: no warning. `tangle check` agrees on both.
//
// RUN: %tangle-lint %s %S/Inputs/wrappers/wrappers.c -- -I%S/Inputs/wrappers > %t.txt; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt
// RUN: %tangle-lint %s %S/Inputs/wrappers/wrappers.c -- -I%S/Inputs/wrappers -DJOIN_FIRST > %t.first.txt; test $? -eq 0
// RUN: test ! -s %t.first.txt
// RUN: rm -rf %t.tmp && mkdir -p %t.tmp
// RUN: env TMPDIR=%t.tmp TANGLE_TEST_MARK=%t.m %tangle check %s %S/Inputs/wrappers/wrappers.c --no-lint -- -I%S/Inputs/wrappers -- 3 > %t.check.txt; test $? -eq 1
// RUN: FileCheck %s --check-prefix=DYN --input-file %t.check.txt
// RUN: env TMPDIR=%t.tmp TANGLE_TEST_MARK=%t.m %tangle check %s %S/Inputs/wrappers/wrappers.c --no-lint -- -I%S/Inputs/wrappers -DJOIN_FIRST -- 3 > %t.check.first.txt; test $? -eq 0
// RUN: FileCheck %s --check-prefix=DYNFIRST --input-file %t.check.first.txt
// RUN: %python %S/../Inputs/leftovers.py %t.m %t.tmp
//
// DYN: error: data race on count
// DYNFIRST: tangle: clean
#include "wrappers.h"

#include <stdio.h>
#include <stdlib.h>

static volatile int count;

static void *add(void *arg) {
  int times = *(int *)arg;
  for (int i = 0; i < times; ++i)
    // CHECK: wrapped_create.c:[[@LINE+1]]:5: warning: 'count' is written in thread 'add' #1 and written in thread 'add' #2 with no lock held by both: a data race [tangle-shared-global-unlocked]
    count++;
  return NULL;
}

int main(int argc, char **argv) {
  int times = argc > 1 ? atoi(argv[1]) : 1;
  pthread_t first, second;
  // CHECK: wrapped_create.c:[[@LINE+1]]:3: note: thread 'add' #1 is started here
  Pthread_create(&first, NULL, add, &times);
#ifdef JOIN_FIRST
  Pthread_join(first, NULL);
#endif
  Pthread_create(&second, NULL, add, &times);
#ifndef JOIN_FIRST
  Pthread_join(first, NULL);
#endif
  Pthread_join(second, NULL);
  printf("%d\n", count);
  return 0;
}
