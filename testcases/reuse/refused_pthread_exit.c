// --reuse-process refuses what a pooled thread cannot do: a thread that
// ends with pthread_exit would end the pooled OS thread itself. The worker
// refuses that execution and exits; the fork server runs it again in a
// process of its own, and every execution after it, as without the
// option: the same executions, the same verdict, and a note that says why.
// The twin returns from its start routine instead: no refusal.
//
// RUN: %tangle check %s --no-lint --reuse-process > %t.txt; test $? -eq 0
// RUN: FileCheck %s --input-file %t.txt
// RUN: %tangle check %s --no-lint --reuse-process --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --check-prefix=JSON --input-file %t.json
// RUN: %tangle check %s --no-lint --reuse-process --format json -- -DRETURN > %t.twin.json; test $? -eq 0
// RUN: FileCheck %s --check-prefix=TWIN --input-file %t.twin.json
//
// CHECK: note: --reuse-process: a worker process could not run an execution (pthread_exit, which ends the thread's pooled OS thread); that one and the ones after it ran in a process each, as without the option
// CHECK: tangle: clean: no deadlock or lock misuse in 6 executions
//
// JSON: "executions": 6,
// JSON: "reuse": {
// JSON-NEXT: "executions": 0,
// JSON-NEXT: "refused": "pthread_exit, which ends the thread's pooled OS thread",
// JSON-NEXT: "workers": 1
//
// TWIN: "executions": 6,
// TWIN: "reuse": {
// TWIN-NEXT: "executions": 6,
// TWIN-NEXT: "workers": 1
#include <pthread.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int counter;

static void *worker(void *arg) {
  for (int i = 0; i < 2; ++i) {
    pthread_mutex_lock(&lock);
    ++counter;
    pthread_mutex_unlock(&lock);
  }
#ifndef RETURN
  pthread_exit(arg);
#endif
  return arg;
}

int main(void) {
  pthread_t t[2];
  for (int i = 0; i < 2; ++i)
    pthread_create(&t[i], NULL, worker, NULL);
  for (int i = 0; i < 2; ++i)
    pthread_join(t[i], NULL);
  return 0;
}
