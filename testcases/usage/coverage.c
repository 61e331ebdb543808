// What an incomplete run covered: three threads each take one mutex ten
// times, a correct program with far more interleavings than 200 executions
// can run. The verdict is incomplete, and it says how far it got: every
// schedule with at most k preemptions was run (fewest preemptions first, DPOR
// alone: --strategy dpor),
// out of an estimated total.
//
// RUN: %tangle check %s --no-lint --strategy dpor --max-executions 200 > %t.txt 2>&1; test $? -eq 3
// RUN: FileCheck %s --input-file %t.txt
// RUN: %tangle check %s --no-lint --strategy dpor --max-executions 200 --format json > %t.json; test $? -eq 3
// RUN: FileCheck %s --check-prefix=JSON --input-file %t.json
// A complete run states the exact count.
// RUN: %tangle check %s --no-lint --format json -- -DROUNDS=1 > %t1.json
// RUN: FileCheck %s --check-prefix=EXACT --input-file %t1.json
// CHECK: tangle: incomplete: no findings in {{[0-9]+}} executions, stopped by max-executions before every interleaving was explored; every search branch with at most {{[1-9]}} preemption{{s?}} explored (an interleaving with as few can still wait behind a costlier branch), of about 10^{{[0-9]+}} in all
// JSON-DAG: "strategy":{{ ?}}"dpor"
// JSON-DAG: "preemptions_complete":{{ ?}}{{[1-9]}}
// The true count is 30!/(10!)^3 = 5,550,996,791,340: the estimate is exact here.
// JSON-DAG: "estimated_executions":{{ ?}}555099679134{{[0-9.]*}}
// JSON-DAG: "verdict":{{ ?}}"incomplete"
// EXACT-DAG: "verdict":{{ ?}}"clean"
// EXACT-DAG: "executions":{{ ?}}6,
// EXACT-DAG: "estimated_executions":{{ ?}}6{{[,}]}}
#include <pthread.h>

#ifndef ROUNDS
#define ROUNDS 10
#endif

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static int counter;

static void *work(void *arg) {
  for (int i = 0; i < ROUNDS; ++i) {
    pthread_mutex_lock(&m);
    ++counter;
    pthread_mutex_unlock(&m);
  }
  return arg;
}

int main(void) {
  pthread_t t[3];
  for (int i = 0; i < 3; ++i)
    pthread_create(&t[i], NULL, work, NULL);
  for (int i = 0; i < 3; ++i)
    pthread_join(t[i], NULL);
  return counter == 3 * ROUNDS ? 0 : 1;
}
