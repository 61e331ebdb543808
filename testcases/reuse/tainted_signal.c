// --reuse-process and a signal handler: a disposition is the kernel's, not
// the process's memory, so a handler an execution installs would still be
// there in the worker's next execution before it installs it (a crash there
// would reach the program's handler instead of tangle's). Here main
// installs one only when thread 2 took the lock first (not in the first
// execution), and every execution checks that it starts without it. The
// execution that installs one runs to its end and ends its worker; the
// next request gets a new one. Asking for a disposition (sigaction with no
// new action) changes nothing: the twin only asks, and one worker runs
// every execution.
//
// RUN: %tangle check %s --no-predict --no-lint --reuse-process --fibers --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json
// RUN: %tangle check %s --no-predict --no-lint --reuse-process --fibers --format json -- -DONLY_ASK > %t.twin.json; test $? -eq 0
// RUN: FileCheck %s --check-prefix=TWIN --input-file %t.twin.json
//
// CHECK: "executions": 6,
// CHECK: "reuse": {
// CHECK-NEXT: "executions": 3,
// CHECK-NEXT: "fibers": 3,
// CHECK-NEXT: "single_use": 3,
// CHECK-NEXT: "single_use_by": "sigaction, a disposition a rewind cannot put back",
// CHECK-NEXT: "workers": 3
// CHECK: "verdict": "clean"
//
// TWIN: "executions": 6,
// TWIN: "reuse": {
// TWIN-NEXT: "executions": 6,
// TWIN-NEXT: "fibers": 6,
// TWIN-NEXT: "workers": 1
// TWIN: "verdict": "clean"
#include <assert.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int counter;
static intptr_t first;
static volatile sig_atomic_t interrupted;

static void onInterrupt(int signal) { interrupted = signal; }

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
  struct sigaction action;
  memset(&action, 0, sizeof(action));
  sigaction(SIGINT, NULL, &action);
  assert(action.sa_handler == SIG_DFL); // no earlier execution's handler
  pthread_t t[2];
  for (intptr_t i = 0; i < 2; ++i)
    pthread_create(&t[i], NULL, worker, (void *)(i + 1));
  for (int i = 0; i < 2; ++i)
    pthread_join(t[i], NULL);
#ifndef ONLY_ASK
  if (first == 2) {
    action.sa_handler = onInterrupt;
    sigaction(SIGINT, &action, NULL);
  }
#endif
  return 0;
}
