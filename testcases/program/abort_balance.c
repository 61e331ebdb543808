// assert_balance.c with the check written as `if (...) abort();`: the
// lost update makes main call abort(). Reported as program.assert, naming
// abort() and its line (not as a crash of SIGABRT).
// Fix: abort_balance_fixed.c.
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: %tangle check %s > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"program.assert"
// TEXT: abort_balance.c:[[@LINE+25]]:5: error: abort() called in main thread under this interleaving [program.assert]
// TEXT: note: fix: The check that leads to abort() holds in some interleavings only
#include <pthread.h>
#include <stdlib.h>

pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
int balance = 100;

void *withdraw(void *arg) {
  pthread_mutex_lock(&m);
  int v = balance;
  pthread_mutex_unlock(&m);
  pthread_mutex_lock(&m);
  balance = v - 10;
  pthread_mutex_unlock(&m);
  return arg;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, withdraw, NULL);
  pthread_create(&b, NULL, withdraw, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  if (balance != 80)
    abort();
  return 0;
}
