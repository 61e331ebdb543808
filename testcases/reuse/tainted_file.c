// --reuse-process and what a rewind of memory cannot undo: a file opened
// (a descriptor is the kernel's, not the process's memory). Here main opens
// one only when thread 2 took the lock first, which the first execution
// does not do. The worker lets such an execution do it, runs it to its end
// and then ends, as an execution's process would; the fork server starts a
// new worker, set up the same way, for the next request, so the objects of
// every execution keep their addresses. The same executions and verdict as
// without the option, and a note that says why some were their worker's
// last.
// -DALWAYS opens the file in every execution: the first execution (run by
// the first worker, which probes) meets it, so the worker stops before the
// fopen and every execution, the first again, runs in a process of its own
// (a worker each would cost more).
// The twin (-DNO_FILE) opens nothing: one worker runs every execution.
//
// RUN: %tangle check %s --no-predict --no-lint --reuse-process --fibers > %t.txt; test $? -eq 0
// RUN: FileCheck %s --input-file %t.txt
// RUN: %tangle check %s --no-predict --no-lint --reuse-process --fibers --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --check-prefix=JSON --input-file %t.json
// RUN: %tangle check %s --no-predict --no-lint --reuse-process --fibers --format json -- -DALWAYS > %t.always.json; test $? -eq 0
// RUN: FileCheck %s --check-prefix=ALWAYS --input-file %t.always.json
// RUN: %tangle check %s --no-predict --no-lint --reuse-process --fibers --format json -- -DNO_FILE > %t.twin.json; test $? -eq 0
// RUN: FileCheck %s --check-prefix=TWIN --input-file %t.twin.json
//
// CHECK: note: --reuse-process: 3 of the executions changed what a rewind of memory cannot undo (fopen, a descriptor a rewind cannot close): each ended its worker process, and the next began in a new one
// CHECK: tangle: clean: no deadlock or lock misuse in 6 executions
//
// JSON: "executions": 6,
// JSON: "reuse": {
// JSON-NEXT: "executions": 3,
// JSON-NEXT: "fibers": 3,
// JSON-NEXT: "single_use": 3,
// JSON-NEXT: "single_use_by": "fopen, a descriptor a rewind cannot close",
// JSON-NEXT: "workers": 3
//
// ALWAYS: "executions": 6,
// ALWAYS: "reuse": {
// ALWAYS-NEXT: "declined": "fopen, a descriptor a rewind cannot close",
// ALWAYS-NEXT: "executions": 0,
// ALWAYS-NEXT: "workers": 0
//
// TWIN: "executions": 6,
// TWIN: "reuse": {
// TWIN-NEXT: "executions": 6,
// TWIN-NEXT: "fibers": 6,
// TWIN-NEXT: "workers": 1
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int counter;
static intptr_t first;

static void *worker(void *arg) {
  for (int i = 0; i < 2; ++i) {
    pthread_mutex_lock(&lock);
    if (!first)
      first = (intptr_t)arg;
    ++counter;
    pthread_mutex_unlock(&lock);
  }
  return arg;
}

int main(void) {
  pthread_t t[2];
  for (intptr_t i = 0; i < 2; ++i)
    pthread_create(&t[i], NULL, worker, (void *)(i + 1));
  for (int i = 0; i < 2; ++i)
    pthread_join(t[i], NULL);
#if defined(ALWAYS)
  if (1) {
#elif defined(NO_FILE)
  if (0) {
#else
  if (first == 2) {
#endif
    FILE *f = fopen("/dev/null", "w");
    if (f)
      fclose(f);
  }
  return 0;
}
