// The fix of pct_last_iteration.c: the worker clears the stage in the same
// critical section that publishes it, so the checker never sees the last
// round's stage. Random schedules never make a verdict clean: with
// --strategy pct only the first execution is DPOR's, so the run ends
// incomplete, and says how many random schedules ran and PCT's guarantee.
// The portfolio (the default) lets DPOR finish this small space: clean.
//
// RUN: %tangle check %s --no-lint --strategy pct --max-executions 50 > %t.txt 2>&1; test $? -eq 3
// RUN: FileCheck %s --input-file %t.txt
// RUN: %tangle check %s --no-lint --strategy pct --max-executions 50 --format json > %t.json; test $? -eq 3
// RUN: FileCheck %s --check-prefix=JSON --input-file %t.json
// RUN: %tangle check %s --no-lint --strategy pos --max-executions 50 --format json > %t.pos.json; test $? -eq 3
// RUN: FileCheck %s --check-prefix=POS --input-file %t.pos.json
// RUN: %tangle check %s --no-lint --format json > %t.portfolio.json
// RUN: FileCheck %s --check-prefix=PORTFOLIO --input-file %t.portfolio.json
//
// CHECK: tangle: incomplete: no findings in 50 executions, stopped by max-executions before every interleaving was explored; {{.*}}; plus 49 random schedules (PCT depth <= 3: each finds a bug of depth d <= 3 with probability >= 1/(n*k^(d-1)), n = 3 threads, k = {{[0-9]+}} steps)
// JSON-DAG: "verdict":{{ ?}}"incomplete"
// JSON-DAG: "strategy":{{ ?}}"pct"
// JSON-DAG: "random_schedules":{{ ?}}49{{[,}]}}
// JSON-DAG: "pct_depth":{{ ?}}3{{[,}]}}
// JSON-DAG: "pct_threads":{{ ?}}3{{[,}]}}
// JSON-DAG: "seed":{{ ?}}1{{[,}]}}
// POS-DAG: "verdict":{{ ?}}"incomplete"
// POS-DAG: "strategy":{{ ?}}"pos"
// POS-DAG: "random_schedules":{{ ?}}49{{[,}]}}
// PORTFOLIO-DAG: "verdict":{{ ?}}"clean"
// PORTFOLIO-DAG: "strategy":{{ ?}}"dpor"
// PORTFOLIO-DAG: "random_schedules":{{ ?}}0{{[,}]}}
#include <assert.h>
#include <pthread.h>

#define ROUNDS 3

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static int stage = -1;

static void *worker(void *arg) {
  for (int i = 0; i < ROUNDS; ++i) {
    pthread_mutex_lock(&m);
    stage = i;
    stage = -1;
    pthread_mutex_unlock(&m);
    pthread_mutex_lock(&m);
    pthread_mutex_unlock(&m);
  }
  return arg;
}

static void *checker(void *arg) {
  for (int i = 0; i < ROUNDS; ++i) {
    pthread_mutex_lock(&m);
    assert(stage != ROUNDS - 1);
    pthread_mutex_unlock(&m);
  }
  return arg;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, worker, NULL);
  pthread_create(&b, NULL, checker, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  return 0;
}
