// A bug deep in a loop: the worker adds 1 to `total` 100 times under a lock,
// but on the last round it reads the value under the lock and writes it back
// under the lock again, releasing it in between. The auditor's one locked
// increment is lost only if it runs in that window, at the last of 100
// iterations; every access holds the lock, so no data race points at it, and
// native runs practically never hit it. tangle explores branches with the
// fewest preemptions first and, among those, the deepest first: it fails
// the assertion in its first executions. The schedule replays it.
// bench/deep/last_iteration.c is the same at 10, 100 and 1,000 iterations.
// Fix: last_iteration_one_section.c.
//
// RUN: %tangle check %s --no-lint --max-findings 1 --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: %python %S/../Inputs/schedule.py %t.json program.assert > %t.schedule
// RUN: %tangle replay --schedule "$(cat %t.schedule)" %s > %t.replay 2>&1; test $? -eq 1
// RUN: FileCheck %s --check-prefix=REPLAY --input-file %t.replay
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"program.assert"
// CHECK-DAG: "preemptions":{{ ?}}1,
// REPLAY: error: assertion failed in main thread: {{.*}}total == N + 1{{.*}}[program.assert]
#include <assert.h>
#include <pthread.h>

#define N 100

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static long total;

static void *worker(void *arg) {
  for (int i = 0; i < N; i++) {
    pthread_mutex_lock(&lock);
    if (i < N - 1) {
      total++;
      pthread_mutex_unlock(&lock);
      continue;
    }
    long seen = total; // the last round: read...
    pthread_mutex_unlock(&lock);
    pthread_mutex_lock(&lock);
    total = seen + 1; // ...and write back what was read: the window
    pthread_mutex_unlock(&lock);
  }
  return arg;
}

static void *auditor(void *arg) {
  pthread_mutex_lock(&lock);
  total++;
  pthread_mutex_unlock(&lock);
  return arg;
}

int main(void) {
  pthread_t w, a;
  pthread_create(&w, NULL, worker, NULL);
  pthread_create(&a, NULL, auditor, NULL);
  pthread_join(w, NULL);
  pthread_join(a, NULL);
  assert(total == N + 1);
  return 0;
}
