// --reuse-process when an execution crashes: a failed assertion kills the
// worker with the execution (the crash is reported as without the option,
// from the runtime's crash handler), and the fork server starts a new
// worker for the next request. Every interleaving still runs: the
// assertion fails in some of them only, and the finding, its schedule and
// the count of executions are those of a process per execution. (Of the
// six, four crash their worker and two end with a rewind.)
//
// RUN: %tangle check %s --no-predict --no-lint --no-reuse-process > %t.fork.txt; test $? -eq 1
// RUN: FileCheck %s --input-file %t.fork.txt
// RUN: %tangle check %s --no-predict --no-lint --reuse-process --fibers > %t.reuse.txt; test $? -eq 1
// RUN: FileCheck %s --input-file %t.reuse.txt
// RUN: %tangle check %s --no-predict --no-lint --reuse-process --fibers --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --check-prefix=JSON --input-file %t.json
//
// CHECK: crash_starts_a_worker.c:[[#@LINE+29]]:{{[0-9]+}}: error: {{.*}}[program.assert]
// CHECK: tangle: bugs: 1 finding in 6 executions
//
// JSON: "executions": 6,
// JSON: "reuse": {
// JSON-NEXT: "executions": 2,
// JSON-NEXT: "fibers": 2,
// JSON-NEXT: "workers": 4
#include <assert.h>
#include <pthread.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int order[4], next;

static void *worker(void *arg) {
  for (int i = 0; i < 2; ++i) {
    pthread_mutex_lock(&lock);
    order[next++] = (int)(long)arg;
    pthread_mutex_unlock(&lock);
  }
  return arg;
}

int main(void) {
  pthread_t t[2];
  for (long i = 0; i < 2; ++i)
    pthread_create(&t[i], NULL, worker, (void *)(i + 1));
  for (int i = 0; i < 2; ++i)
    pthread_join(t[i], NULL);
  assert(order[0] == order[1]); // fails when the threads alternate
  return 0;
}
