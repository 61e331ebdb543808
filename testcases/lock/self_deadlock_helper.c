// A self-deadlock hidden behind a helper: deposit() takes the account lock
// and calls log_balance(), which takes the same (non-recursive) lock again.
// Only the worker thread does this; main just joins it.
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: %tangle check %s > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// RUN: %python %S/../Inputs/schedule.py %t.json lock.self-deadlock > %t.schedule
// RUN: %tangle replay --schedule "$(cat %t.schedule)" %s --format json > %t.replay.json; test $? -eq 1
// RUN: FileCheck %s --check-prefix=REPLAY --input-file %t.replay.json
//
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"lock.self-deadlock"
// REPLAY: "id":{{ ?}}"lock.self-deadlock"
#include <pthread.h>

pthread_mutex_t account_lock = PTHREAD_MUTEX_INITIALIZER;
int balance, logged;

void log_balance(void) {
  // TEXT: {{.*}}self_deadlock_helper.c:[[@LINE+1]]:{{[0-9]+}}: error: {{.*}}[lock.self-deadlock]
  pthread_mutex_lock(&account_lock); // the caller already holds it
  logged = balance;
  pthread_mutex_unlock(&account_lock);
}

void *deposit(void *arg) {
  pthread_mutex_lock(&account_lock);
  balance += 10;
  log_balance();
  pthread_mutex_unlock(&account_lock);
  return NULL;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, deposit, NULL);
  pthread_join(t, NULL);
  return 0;
}
