// Unlock of a mutex that is not locked: on the "insufficient funds" path
// withdraw() unlocks, then falls through to the unlock at the end. With a
// balance for one withdrawal and two threads, the second thread always takes
// that path. Fix: unlock_once.c.
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: %tangle check %s > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// RUN: %python %S/../Inputs/schedule.py %t.json lock.unlock-unlocked > %t.schedule
// RUN: %tangle replay --schedule "$(cat %t.schedule)" %s --format json > %t.replay.json; test $? -eq 1
// RUN: FileCheck %s --check-prefix=REPLAY --input-file %t.replay.json
//
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"lock.unlock-unlocked"
// REPLAY: "id":{{ ?}}"lock.unlock-unlocked"
#include <pthread.h>

pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
int balance = 10;
int refused;

void *withdraw(void *arg) {
  pthread_mutex_lock(&m);
  if (balance < 10) {
    refused++;
    pthread_mutex_unlock(&m); // released here...
  } else {
    balance -= 10;
  }
  // TEXT: {{.*}}unlock_unlocked.c:[[@LINE+1]]:{{[0-9]+}}: error: {{.*}}[lock.unlock-unlocked]
  pthread_mutex_unlock(&m); // ...and again here on the refused path
  return NULL;
}

int main(void) {
  pthread_t t1, t2;
  pthread_create(&t1, NULL, withdraw, NULL);
  pthread_create(&t2, NULL, withdraw, NULL);
  pthread_join(t1, NULL);
  pthread_join(t2, NULL);
  return 0;
}
