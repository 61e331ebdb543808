// A loop bounded by one second of time(), as in C-Thread-Pool's
// thpool_destroy ("give one second to kill idle threads": `time(&start);
// while (tpassed < TIMEOUT && ...) { bsem_post_all(..); time(&end); tpassed
// = difftime(end, start); }`): a heartbeat thread posts for one second. On
// the real clock the loop spins for a real second, the executions each take
// another number of turns (program.nondeterministic) and the budget runs
// out; on tangle's virtual clock each time() read moves the time on, so the
// loop ends after a few turns alike in every execution and the exploration
// completes. The bug: main reads the count of posts without the lock
// (race.data). -DFIXED: under the lock, clean.
//
// RUN: %tangle check %s --no-lint --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: %python %S/../Inputs/schedule.py %t.json race.data > %t.schedule
// RUN: %tangle replay --schedule "$(cat %t.schedule)" %s --format json > %t.replay.json; test $? -eq 1
// RUN: FileCheck %s --check-prefix=REPLAY --input-file %t.replay.json
// RUN: %tangle check %s --no-lint --format json -- -DFIXED > %t.fixed.json
// RUN: FileCheck %s --check-prefix=FIXED --input-file %t.fixed.json
//
// CHECK-NOT: program.nondeterministic
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "complete":{{ ?}}true
// CHECK-DAG: "id":{{ ?}}"race.data"
// CHECK-NOT: program.nondeterministic
// REPLAY-DAG: "id":{{ ?}}"race.data"
// FIXED-NOT: program.nondeterministic
// FIXED: "verdict":{{ ?}}"clean"
// FIXED-NOT: program.nondeterministic
#include <pthread.h>
#include <time.h>

static pthread_mutex_t poolLock = PTHREAD_MUTEX_INITIALIZER;
static int posts;

static void postAll(void) {
  pthread_mutex_lock(&poolLock);
  ++posts;
  pthread_mutex_unlock(&poolLock);
}

static void *heartbeat(void *arg) {
  double passed = 0.0;
  time_t start, end;
  time(&start);
  while (passed < 1.0) {
    postAll();
    time(&end);
    passed = difftime(end, start);
  }
  return arg;
}

int main(void) {
  pthread_t h;
  pthread_create(&h, NULL, heartbeat, NULL);
#ifdef FIXED
  pthread_mutex_lock(&poolLock);
#endif
  volatile int seen = posts; // how far the heartbeat got
#ifdef FIXED
  pthread_mutex_unlock(&poolLock);
#endif
  (void)seen;
  pthread_join(h, NULL);
  return 0;
}
