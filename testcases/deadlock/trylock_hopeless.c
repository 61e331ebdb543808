// A thread spins on pthread_mutex_trylock for a lock that main holds while
// it waits for that very thread: nobody will ever release the lock. The
// retry bound does not hide this (the holder cannot run): after a thousand
// failed tries in a row with nobody else able to run, the spin counts as
// blocked, and every live thread is blocked -- a stall, not a guessed hang.
// Twin: ../program/spin_bounded.c.
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: %python %S/../Inputs/schedule.py %t.json deadlock.stall > %t.schedule
// RUN: %tangle replay --schedule "$(cat %t.schedule)" %s --format json > %t.replay.json; test $? -eq 1
// RUN: FileCheck %s --check-prefix=REPLAY --input-file %t.replay.json
// RUN: %tangle check %s --no-lint > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"deadlock.stall"
// CHECK-NOT: "program.hang"
// REPLAY: "id":{{ ?}}"deadlock.stall"
// TEXT: error: deadlock: every live thread is blocked: main thread waits to join thread 1 (spinner) and thread 1 waits to trylock m [deadlock.stall]
// TEXT: ... the same step 999 more times
#include <pthread.h>

pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;

void *spinner(void *arg) {
  while (pthread_mutex_trylock(&m) != 0) {
  }
  pthread_mutex_unlock(&m);
  return NULL;
}

int main(void) {
  pthread_t t;
  pthread_mutex_lock(&m);
  pthread_create(&t, NULL, spinner, NULL);
  pthread_join(t, NULL); // waits for the spinner while holding m
  pthread_mutex_unlock(&m);
  return 0;
}
