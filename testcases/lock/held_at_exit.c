// A thread that returns while holding a lock: on the "insufficient funds"
// path withdraw() returns early and forgets to unlock. Whichever thread
// withdraws second takes that path, and any other thread that needed the
// lock afterwards would wait forever. Fix: held_at_exit_fixed.c.
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: %tangle check %s > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// RUN: %python %S/../Inputs/schedule.py %t.json lock.held-at-exit > %t.schedule
// RUN: %tangle replay --schedule "$(cat %t.schedule)" %s --format json > %t.replay.json; test $? -eq 1
// RUN: FileCheck %s --check-prefix=REPLAY --input-file %t.replay.json
//
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"lock.held-at-exit"
// REPLAY: "id":{{ ?}}"lock.held-at-exit"
// TEXT-DAG: error: {{.*}}[lock.held-at-exit]
#include <pthread.h>

pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
int balance = 10;

void *withdraw(void *arg) {
  // TEXT-DAG: {{.*}}held_at_exit.c:[[@LINE+1]]
  pthread_mutex_lock(&m); // the acquisition that is never released
  if (balance < 10)
    return NULL; // bug: returns with m held
  balance -= 10;
  pthread_mutex_unlock(&m);
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
