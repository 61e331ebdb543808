// Executions long enough that the search's --timeout ends one while it is
// still replaying the schedule prefix its branch starts from: two threads
// each take their own mutex many times and then one shared mutex, so the
// only branch (which of them takes `shared` first) sits at the end of a
// long prefix. Whether the budget runs out in the first execution, in the
// replay of that prefix or in the analysis, the check stops by timeout and
// says incomplete: an execution the budget ended is no error of the
// exploration ("an execution stopped ... before the end of the schedule it
// replays" was reported for C-Thread-Pool-like programs) and no finding.
// Twin: budget_ends_execution.c (a single execution the budget ends).
// 250,000 rounds (a million steps an execution): with fibers 100,000 made
// two executions that ended within the 1.5 s.
//
// RUN: %tangle check %s --no-lint --timeout 1.5 --max-steps 10000000 --format json > %t.json; test $? -eq 3
// RUN: FileCheck %s --input-file %t.json --implicit-check-not=error
// CHECK-DAG: "verdict":{{ ?}}"incomplete"
// CHECK-DAG: "stopped_by":{{ ?}}"timeout"
#include <pthread.h>

#define ROUNDS 250000

static pthread_mutex_t own[2] = {PTHREAD_MUTEX_INITIALIZER,
                                 PTHREAD_MUTEX_INITIALIZER};
static pthread_mutex_t shared = PTHREAD_MUTEX_INITIALIZER;

static void *worker(void *arg) {
  pthread_mutex_t *mine = arg;
  for (int i = 0; i < ROUNDS; i++) {
    pthread_mutex_lock(mine);
    pthread_mutex_unlock(mine);
  }
  pthread_mutex_lock(&shared);
  pthread_mutex_unlock(&shared);
  return NULL;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, worker, &own[0]);
  pthread_create(&b, NULL, worker, &own[1]);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  return 0;
}
