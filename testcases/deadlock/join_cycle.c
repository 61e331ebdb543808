// A deadlock without any lock: main waits in pthread_join for the worker,
// and the worker waits in pthread_join for main. Every live thread is
// blocked on a join, so this is a stall (a communication deadlock).
// Fix: only one side may wait for the other (see join_chain.c).
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: %python %S/../Inputs/schedule.py %t.json deadlock.stall > %t.schedule
// RUN: %tangle replay --schedule "$(cat %t.schedule)" %s --format json > %t.replay.json; test $? -eq 1
// RUN: FileCheck %s --check-prefix=REPLAY --input-file %t.replay.json
//
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"deadlock.stall"
// REPLAY: "id":{{ ?}}"deadlock.stall"
#include <pthread.h>

pthread_t main_thread;

void *worker(void *arg) {
  pthread_join(main_thread, NULL); // waits for main, which waits for us
  return NULL;
}

int main(void) {
  pthread_t t;
  main_thread = pthread_self();
  pthread_create(&t, NULL, worker, NULL);
  pthread_join(t, NULL); // waits for the worker
  return 0;
}
