// `tangle lint` is tangle-lint: the same arguments, formats and exit codes.
// This file takes two locks in opposite orders in two threads (exit 1, the
// diagnostic on the line); the same-order program is clean (exit 0); SARIF
// gives one valid run; a bad option is exit 2.
//
// RUN: %tangle lint %s -- > %t.txt; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt --implicit-check-not=warning:
// RUN: %tangle lint %S/../deadlock/ab_ab_same_order.c -- > %t.clean.txt; test $? -eq 0
// RUN: test ! -s %t.clean.txt
// RUN: cd %S && %tangle lint --format=sarif --source-root=%S %s -- > %t.sarif; test $? -eq 1
// RUN: %python %S/../lint/Inputs/check_sarif.py %t.sarif 1 | FileCheck %s --check-prefix=SARIF
// RUN: %tangle lint --format json %s -- > %t.json; test $? -eq 1
// RUN: FileCheck %s --check-prefix=JSON --input-file %t.json
// RUN: %tangle lint --no-such-option %s > %t.bad 2>&1; test $? -eq 2
// RUN: FileCheck %s --check-prefix=BAD --input-file %t.bad
// SARIF: OK 1 results
// JSON: "id": "tangle-lock-order-inversion"
// BAD: error: unknown option '--no-such-option'
#include <pthread.h>

pthread_mutex_t A = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t B = PTHREAD_MUTEX_INITIALIZER;

void *t1(void *arg) {
  pthread_mutex_lock(&A);
  // CHECK: lint_command.c:[[@LINE+1]]:3: warning: lock-order inversion: thread 't1' locks 'B' while holding 'A', and thread 't2' locks them in the opposite order; the two can deadlock [tangle-lock-order-inversion]
  pthread_mutex_lock(&B);
  pthread_mutex_unlock(&B);
  pthread_mutex_unlock(&A);
  return NULL;
}

void *t2(void *arg) {
  pthread_mutex_lock(&B);
  pthread_mutex_lock(&A);
  pthread_mutex_unlock(&A);
  pthread_mutex_unlock(&B);
  return NULL;
}

int main(void) {
  pthread_t x, y;
  pthread_create(&x, NULL, t1, NULL);
  pthread_create(&y, NULL, t2, NULL);
  pthread_join(x, NULL);
  pthread_join(y, NULL);
  return 0;
}
