// 3,000 rounds of two short-lived threads that each take locks A and B and
// are joined before the next round starts. In the last round the second
// thread takes them in the opposite order: the two threads of that round
// can deadlock, no earlier round can (the joins order it). The lock graph
// has the cycle in every round; prediction keeps only the last round's
// pair and confirms it by a replay.
// Fix: take A before B in every thread (see rounds_ordered.c).
//
// RUN: %tangle run %s --format json > %t.run.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.run.json
// RUN: %python %S/../Inputs/schedule.py %t.run.json deadlock.cycle > %t.schedule
// RUN: %tangle replay --schedule "$(cat %t.schedule)" %s --format json > %t.replay.json; test $? -eq 1
// RUN: FileCheck %s --check-prefix=REPLAY --input-file %t.replay.json
// RUN: %tangle check %s --format json > %t.check.json; test $? -eq 1
// RUN: FileCheck %s --check-prefix=CHECKCMD --input-file %t.check.json
// RUN: %tangle check %s --verbose > %t.check.txt; test $? -eq 1
// RUN: FileCheck %s --check-prefix=VERBOSE --input-file %t.check.txt
//
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"deadlock.cycle"
// CHECK-DAG: "found_by":{{ ?}}"prediction"
// REPLAY-DAG: "id":{{ ?}}"deadlock.cycle"
// (check may find it by exploring too; then it is reported once, found by
// dpor, and the prediction's confirmation is the same deadlock.)
// CHECKCMD-DAG: "verdict":{{ ?}}"bugs"
// CHECKCMD-DAG: "id":{{ ?}}"deadlock.cycle"
// CHECKCMD-DAG: "stopped_by":{{ ?}}"prediction"
// With --verbose, check lists the candidate: its threads' request lines,
// the answer, its time and the tier that gave it.
// VERBOSE: note: prediction: {{[0-9]+}} lock-order cycles in {{[0-9]+}} events
// VERBOSE: note: prediction: thread {{[0-9]+}} at {{.*}}rounds.c:{{[0-9]+}}, thread {{[0-9]+}} at {{.*}}rounds.c:{{[0-9]+}}: feasible in {{[0-9.]+}} s ({{[0-9]+}} events, {{.*}}closure{{.*}}); confirmed by replay
// VERBOSE: tangle: bugs: {{.*}}stopped by prediction
#include <pthread.h>

#ifndef ORDERED
#define ORDERED 0
#endif

enum { Rounds = 3000 };

pthread_mutex_t A = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t B = PTHREAD_MUTEX_INITIALIZER;
int counter;

void *forward(void *arg) {
  pthread_mutex_lock(&A);
  pthread_mutex_lock(&B);
  counter++;
  pthread_mutex_unlock(&B);
  pthread_mutex_unlock(&A);
  return 0;
}

void *backward(void *arg) {
  int last = arg != 0;
  pthread_mutex_t *first = last && !ORDERED ? &B : &A;
  pthread_mutex_t *second = last && !ORDERED ? &A : &B;
  pthread_mutex_lock(first);
  pthread_mutex_lock(second);
  counter--;
  pthread_mutex_unlock(second);
  pthread_mutex_unlock(first);
  return 0;
}

int main(void) {
  for (int round = 0; round < Rounds; ++round) {
    pthread_t x, y;
    pthread_create(&x, 0, forward, 0);
    pthread_create(&y, 0, backward, (void *)(long)(round == Rounds - 1));
    pthread_join(x, 0);
    pthread_join(y, 0);
  }
  return 0;
}
