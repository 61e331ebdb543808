// --checks= globs select checks; later entries win; --list-checks shows the
// selection.
//
// RUN: %tangle-lint --checks='-*,tangle-cond-wait-no-loop' %s -- > %t.txt; test $? -eq 0
// RUN: test ! -s %t.txt
// RUN: %tangle-lint --checks='tangle-*,-tangle-double-lock' %s -- > %t.txt; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt --check-prefix=NODOUBLE --implicit-check-not=warning:
// RUN: %tangle-lint --checks='tangle-double*' %s -- > %t.txt; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt --check-prefix=DOUBLE --implicit-check-not=warning:
// RUN: %tangle-lint --list-checks --checks='*lock*,-*order*' | FileCheck %s --check-prefix=LIST
// LIST: tangle-double-lock
// LIST-NEXT: tangle-missing-unlock
// LIST-NEXT: tangle-unlock-not-held
// LIST-NEXT: tangle-signal-handler-lock
// LIST-EMPTY:
#include <pthread.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t n = PTHREAD_MUTEX_INITIALIZER;

static void relock(void) {
  pthread_mutex_lock(&m);
  // DOUBLE: :[[@LINE+1]]:3: warning: {{.*}} [tangle-double-lock]
  pthread_mutex_lock(&m);
}

int main(void) {
  relock();
  pthread_mutex_lock(&n);
  // NODOUBLE: :[[@LINE+1]]:3: warning: 'n' is still held when 'main' returns and its thread ends [tangle-missing-unlock]
  return 0;
}
