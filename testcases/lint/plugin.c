// The Clang plugin reports the same findings while compiling, through
// clang's diagnostics: warnings by default, errors under -Werror.
//
// RUN: %clang -fsyntax-only -fplugin=%lintplugin %s 2> %t.txt; test $? -eq 0
// RUN: FileCheck %s --input-file %t.txt
// RUN: %clang -fsyntax-only -Werror -fplugin=%lintplugin %s 2> %t.err; test $? -ne 0
// RUN: FileCheck %s --input-file %t.err --check-prefix=WERROR
// RUN: %clang -c -o %t.o -fplugin=%lintplugin -fplugin-arg-tangle-checks=-* %s 2> %t.none; test $? -eq 0
// RUN: test ! -s %t.none
// RUN: test -s %t.o
#include <pthread.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;

int main(void) {
  pthread_mutex_lock(&m);
  // CHECK: :[[@LINE+4]]:3: warning: 'm' is locked again while this thread already holds it; a non-recursive lock deadlocks here [tangle-double-lock]
  // CHECK: :[[@LINE-2]]:3: note: 'm' was first locked here
  // WERROR: :[[@LINE+2]]:3: error: 'm' is locked again {{.*}} [tangle-double-lock]
  // WERROR: :[[@LINE-4]]:3: note: 'm' was first locked here
  pthread_mutex_lock(&m);
  pthread_mutex_unlock(&m);
  return 0;
}
