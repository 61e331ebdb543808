// --reuse-process and a signal handler: a disposition is the kernel's, not
// the process's memory, so a handler main installs would still be there in
// the worker's next execution before main installs it (a crash there would
// reach the program's handler instead of tangle's). The execution that
// installs one runs to its end and ends its worker; the next request gets
// a new one. Asking for a disposition (sigaction with no new action)
// changes nothing: the twin only asks, and one worker runs every execution.
//
// RUN: %tangle check %s --no-lint --reuse-process --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json
// RUN: %tangle check %s --no-lint --reuse-process --format json -- -DONLY_ASK > %t.twin.json; test $? -eq 0
// RUN: FileCheck %s --check-prefix=TWIN --input-file %t.twin.json
//
// CHECK: "executions": 6,
// CHECK: "reuse": {
// CHECK-NEXT: "executions": 0,
// CHECK-NEXT: "single_use": 6,
// CHECK-NEXT: "single_use_by": "sigaction, a disposition a rewind cannot put back",
// CHECK-NEXT: "workers": 6
//
// TWIN: "executions": 6,
// TWIN: "reuse": {
// TWIN-NEXT: "executions": 6,
// TWIN-NEXT: "workers": 1
#include <pthread.h>
#include <signal.h>
#include <string.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int counter;
static volatile sig_atomic_t interrupted;

static void onInterrupt(int signal) { interrupted = signal; }

static void *worker(void *arg) {
  for (int i = 0; i < 2; ++i) {
    pthread_mutex_lock(&lock);
    ++counter;
    pthread_mutex_unlock(&lock);
  }
  return arg;
}

int main(void) {
  struct sigaction action;
  memset(&action, 0, sizeof(action));
#ifdef ONLY_ASK
  sigaction(SIGINT, NULL, &action);
#else
  action.sa_handler = onInterrupt;
  sigaction(SIGINT, &action, NULL);
#endif
  pthread_t t[2];
  for (int i = 0; i < 2; ++i)
    pthread_create(&t[i], NULL, worker, NULL);
  for (int i = 0; i < 2; ++i)
    pthread_join(t[i], NULL);
  return 0;
}
