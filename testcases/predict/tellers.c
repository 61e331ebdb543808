// Four tellers, 2,000 transfers each, between neighbouring accounts under
// per-account mutexes. Every teller locks the lower-numbered account first,
// except teller 3, which on its very last transfer locks account 3 before
// account 0: with tellers 0, 1 and 2 each holding one account and waiting
// for the next, the four deadlock. One run almost never shows it, nor does
// exploration reach it behind 8,000 earlier transfers; prediction from a
// recorded run does, and a replay confirms it.
// Fix: lock the lower-numbered account first on every transfer (see
// tellers_ordered.c).
//
// RUN: %tangle run %s --format json > %t.run.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.run.json
// RUN: %python %S/../Inputs/schedule.py %t.run.json deadlock.cycle > %t.schedule
// RUN: %tangle replay --schedule "$(cat %t.schedule)" %s --format json > %t.replay.json; test $? -eq 1
// RUN: FileCheck %s --check-prefix=REPLAY --input-file %t.replay.json
// RUN: %tangle check %s --format json > %t.check.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.check.json
// RUN: FileCheck %s --check-prefix=CHECKCMD --input-file %t.check.json
//
// check ends at the confirmed prediction, not at its 60 s budget, with the
// probe's executions counted and the prediction's own counts:
// CHECKCMD-DAG: "stopped_by":{{ ?}}"prediction"
// CHECKCMD-DAG: "executions":{{ ?}}{{[1-9]}}
// CHECKCMD-DAG: "confirmed":{{ ?}}1
// CHECKCMD-DAG: "solver_seconds":
// CHECKCMD-DAG: "by_solver":{{ ?}}{{[0-9]+}}
//
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"deadlock.cycle"
// CHECK-DAG: "found_by":{{ ?}}"prediction"
// CHECK-DAG: "replay":{{ ?}}"tangle replay --schedule
// REPLAY-DAG: "id":{{ ?}}"deadlock.cycle"
#include <pthread.h>

#ifndef ORDERED
#define ORDERED 0
#endif

enum { Tellers = 4, Transfers = 2000 };

pthread_mutex_t lock[Tellers] = {
    PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER,
    PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER};
long balance[Tellers] = {1000000, 1000000, 1000000, 1000000};

void transfer(int from, int to, long amount) {
  pthread_mutex_lock(&lock[from]);
  pthread_mutex_lock(&lock[to]); // the request of the cycle
  balance[from] -= amount;
  balance[to] += amount;
  pthread_mutex_unlock(&lock[to]);
  pthread_mutex_unlock(&lock[from]);
}

void *teller(void *arg) {
  int self = (int)(long)arg;
  int other = (self + 1) % Tellers;
  int low = self < other ? self : other, high = self < other ? other : self;
  for (int i = 0; i < Transfers; ++i) {
    if (!ORDERED && self == Tellers - 1 && i == Transfers - 1)
      transfer(high, low, 1); // the wrong order, once
    else
      transfer(low, high, 1);
  }
  return 0;
}

int main(void) {
  pthread_t t[Tellers];
  for (long i = 0; i < Tellers; ++i)
    pthread_create(&t[i], 0, teller, (void *)i);
  for (int i = 0; i < Tellers; ++i)
    pthread_join(t[i], 0);
  return 0;
}
