// Two threads each run 1,000 iterations of a lock-protected increment; on
// the last iteration each also adds to `finished` outside the lock: a data
// race reachable only after the loop. tangle run predicts it from the
// recorded run (its order replayed under control, with the accesses
// checked for happens-before) and confirms it with a replayable schedule.
// Fix: update `finished` under the lock (race_after_loop_fixed.c).
//
// RUN: %tangle run %s --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: %python %S/../Inputs/schedule.py %t.json race.data > %t.schedule
// RUN: %tangle replay --schedule "$(cat %t.schedule)" %s --format json > %t.replay.json; test $? -eq 1
// RUN: FileCheck %s --check-prefix=REPLAY --input-file %t.replay.json
//
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"race.data"
// CHECK-DAG: "found_by":{{ ?}}"prediction"
// CHECK-DAG: "races_checked":{{ ?}}true
// REPLAY-DAG: "id":{{ ?}}"race.data"
//
// The text report: the race found in the replay of the recorded order is
// counted there, and no note says races were not checked.
// RUN: %tangle run %s > %t.txt; test $? -eq 1
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// TEXT: [race.data]
// TEXT-NOT: data races were not checked
// TEXT: ; 1 race in the replay of the recorded order
// TEXT-NOT: data races were not checked
// TEXT: tangle: bugs: 1 finding in one recorded run
#include <pthread.h>

#ifndef FIXED
#define FIXED 0
#endif

enum { Iterations = 1000 };
pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
long counter;
long finished;

void *work(void *arg) {
  for (int i = 0; i < Iterations; ++i) {
    pthread_mutex_lock(&m);
    ++counter;
    if (FIXED && i == Iterations - 1)
      ++finished;
    pthread_mutex_unlock(&m);
    if (!FIXED && i == Iterations - 1)
      ++finished; // the race: outside the lock
  }
  return 0;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, 0, work, 0);
  pthread_create(&b, 0, work, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  return finished == 2 ? 0 : 1;
}
