// Two threads withdraw from one balance: each reads it, counts the
// withdrawal under a log lock, and writes back what it read minus 10. The
// log lock is a scheduling point between the read and the write that the
// two threads contend for, so the exploration also runs one thread's whole
// withdrawal between the other's read and write; that interleaving (both
// reads before both writes) is the better witness and is the one shown:
// one withdrawal is lost, and the report says so. (A sched_yield would not
// do: it conflicts with nothing, so only one order of it is explored.) Twin: lost_update_neighbour.c, a race on the
// same kind of variable whose witness is no lost update.
//
// RUN: %tangle check %s --no-lint --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: %tangle check %s --no-lint > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// CHECK-DAG: "id":{{ ?}}"race.data"
// CHECK-DAG: "lost_update":{{ ?}}true
// TEXT: error: data race on balance: {{.*}}; both read it, then both wrote it: one update is lost [race.data]
// TEXT: note: fix: Both threads read balance before either wrote it back, so one update is lost
#include <pthread.h>

pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;
int balance = 100, withdrawals;

void *withdraw(void *arg) {
  int seen = balance;
  pthread_mutex_lock(&log_lock);
  withdrawals++;
  pthread_mutex_unlock(&log_lock);
  balance = seen - 10;
  return NULL;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, withdraw, NULL);
  pthread_create(&b, NULL, withdraw, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  return 0;
}
