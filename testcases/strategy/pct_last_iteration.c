// A bug for the random strategies: the worker publishes each round's stage
// and clears it in two critical sections; the checker's assertion fails
// only if it runs between the two in the worker's last round. With
// --strategy pct only PCT schedules run after the first execution, so the
// finding says it was found by PCT; the replay command it prints
// reproduces it. Fix: pct_last_iteration_fixed.c.
//
// RUN: %tangle check %s --no-lint --strategy pct --max-executions 300 > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt
// RUN: %tangle check %s --no-lint --strategy pct --max-executions 300 --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --check-prefix=JSON --input-file %t.json
// The replay command of the report, as printed, run as it is:
// RUN: grep -o "tangle replay --schedule '[^']*' .*" %t.txt | head -1 | sed 's|^tangle replay |%tangle replay --format json |' > %t.replay.sh
// RUN: sh %t.replay.sh > %t.replay.json; test $? -eq 1
// RUN: FileCheck %s --check-prefix=REPLAY --input-file %t.replay.json
// The same seed, the same schedules: the same finding, same schedule.
// RUN: %tangle check %s --no-lint --strategy pct --max-executions 300 --seed 1 --format json > %t.seed.json; test $? -eq 1
// RUN: %python -c "import json,sys; a,b=(json.load(open(p))['findings'][0]['schedule'] for p in sys.argv[1:]); sys.exit(a!=b)" %t.json %t.seed.json
//
// CHECK: pct_last_iteration.c:[[@LINE+33]]:{{[0-9]+}}: error: {{.*}}[program.assert]
// CHECK: note: the interleaving, {{[0-9]+}} steps ({{[0-9]+}} preemption{{s?}}, found by a random PCT schedule)
// CHECK: note: replay this interleaving: tangle replay --schedule
// CHECK: tangle: bugs: 1 finding in {{[0-9]+}} executions
// JSON-DAG: "found_by":{{ ?}}"pct"
// JSON-DAG: "id":{{ ?}}"program.assert"
// JSON-DAG: "strategy":{{ ?}}"pct"
// JSON-DAG: "seed":{{ ?}}1{{[,}]}}
// REPLAY-DAG: "id":{{ ?}}"program.assert"
// REPLAY-DAG: "verdict":{{ ?}}"bugs"
#include <assert.h>
#include <pthread.h>

#define ROUNDS 3

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static int stage = -1;

static void *worker(void *arg) {
  for (int i = 0; i < ROUNDS; ++i) {
    pthread_mutex_lock(&m);
    stage = i;
    pthread_mutex_unlock(&m);
    pthread_mutex_lock(&m);
    stage = -1;
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
