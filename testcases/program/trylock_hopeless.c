// A thread spins on pthread_mutex_trylock for a lock that main holds while
// it waits for that very thread: nobody will ever release the lock. The
// retry bound does not hide this (the holder cannot run), so the spin runs on
// until the per-execution step limit reports it as a hang.
// Twin: spin_bounded.c.
//
// RUN: %tangle check %s --format json --max-steps 2000 > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: %python %S/../Inputs/schedule.py %t.json program.hang > %t.schedule
// RUN: %tangle replay --max-steps 2000 --schedule "$(cat %t.schedule)" %s --format json > %t.replay.json; test $? -eq 1
// RUN: FileCheck %s --check-prefix=REPLAY --input-file %t.replay.json
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"program.hang"
// REPLAY: "id":{{ ?}}"program.hang"
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
