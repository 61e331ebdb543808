// --reuse-process and what a rewind of memory cannot undo: here each
// thread opens a file (a descriptor is the kernel's, not the process's
// memory). The worker lets the execution do it, runs it to its end and
// then ends, as an execution's process would; the fork server starts a new
// worker, set up the same way, for the next request, so the objects of
// every execution keep their addresses. The same executions and verdict
// as without the option, and a note that says why each was its worker's
// last. The twin opens nothing: one worker runs every execution.
//
// RUN: %tangle check %s --no-lint --reuse-process > %t.txt; test $? -eq 0
// RUN: FileCheck %s --input-file %t.txt
// RUN: %tangle check %s --no-lint --reuse-process --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --check-prefix=JSON --input-file %t.json
// RUN: %tangle check %s --no-lint --reuse-process --format json -- -DNO_FILE > %t.twin.json; test $? -eq 0
// RUN: FileCheck %s --check-prefix=TWIN --input-file %t.twin.json
//
// CHECK: note: --reuse-process: 6 of the executions changed what a rewind of memory cannot undo (fopen, a descriptor a rewind cannot close): each ended its worker process, and the next began in a new one
// CHECK: tangle: clean: no deadlock or lock misuse in 6 executions
//
// JSON: "executions": 6,
// JSON: "reuse": {
// JSON-NEXT: "executions": 0,
// JSON-NEXT: "single_use": 6,
// JSON-NEXT: "single_use_by": "fopen, a descriptor a rewind cannot close",
// JSON-NEXT: "workers": 6
//
// TWIN: "executions": 6,
// TWIN: "reuse": {
// TWIN-NEXT: "executions": 6,
// TWIN-NEXT: "workers": 1
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int counter;

static void *worker(void *arg) {
#ifndef NO_FILE
  FILE *f = fopen("/dev/null", "w");
  if (f)
    fclose(f);
#endif
  for (int i = 0; i < 2; ++i) {
    pthread_mutex_lock(&lock);
    ++counter;
    pthread_mutex_unlock(&lock);
  }
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
