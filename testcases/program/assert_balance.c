// Check-then-act: every access to balance is locked, yet an update is lost.
// withdraw() reads the balance in one critical section and writes it back in
// another; if both threads read 100 before either writes, the final balance
// is 90, not 80, and main's assert fails (SIGABRT).
// Fix: one critical section for the whole read-modify-write
// (assert_balance_fixed.c).
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: %tangle check %s > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// RUN: %python %S/../Inputs/schedule.py %t.json program.assert > %t.schedule
// RUN: %tangle replay --schedule "$(cat %t.schedule)" %s --format json > %t.replay.json; test $? -eq 1
// RUN: FileCheck %s --check-prefix=REPLAY --input-file %t.replay.json
//
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"program.assert"
// REPLAY: "id":{{ ?}}"program.assert"
#include <assert.h>
#include <pthread.h>

pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
int balance = 100;

void *withdraw(void *arg) {
  pthread_mutex_lock(&m);
  int v = balance; // check...
  pthread_mutex_unlock(&m);
  // (the other thread may run here and change balance)
  pthread_mutex_lock(&m);
  balance = v - 10; // ...then act on a stale value
  pthread_mutex_unlock(&m);
  return NULL;
}

int main(void) {
  pthread_t t1, t2;
  pthread_create(&t1, NULL, withdraw, NULL);
  pthread_create(&t2, NULL, withdraw, NULL);
  pthread_join(t1, NULL);
  pthread_join(t2, NULL);
  // TEXT: {{.*}}assert_balance.c:[[@LINE+1]]:{{[0-9]+}}: error: {{.*}}balance == 80{{.*}}[program.assert]
  assert(balance == 80);
  return 0;
}
