// main signals its own process while a worker that does not block SIGUSR1
// is alive: the kernel may run the handler in either thread, and tangle
// models only the calling thread taking it. It says so in one line and the
// verdict is incomplete, never clean. kill_self_handler.c: the same signal
// once the worker is joined is modelled.
//
// RUN: %tangle check %s --no-lint --format json > %t.json; test $? -eq 3
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"incomplete"
// CHECK-DAG: "stopped_by":{{ ?}}"unmodelled-call"
// CHECK-DAG: "limit":{{ ?}}"main thread called kill({{[0-9]+}}, SIGUSR1) on its own process, which tangle does not model
// RUN: %tangle check %s --no-lint > %t.txt; test $? -eq 3
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// TEXT: main thread called kill({{[0-9]+}}, SIGUSR1) on its own process, which tangle does not model
// TEXT: tangle: incomplete: {{.*}}stopped by unmodelled-call
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;

static void onUsr1(int sig) {
  (void)sig;
  pthread_mutex_lock(&m);
  pthread_mutex_unlock(&m);
}

static void *worker(void *arg) {
  pthread_mutex_lock(&m);
  pthread_mutex_unlock(&m);
  return arg;
}

int main(void) {
  signal(SIGUSR1, onUsr1);
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  kill(getpid(), SIGUSR1);
  pthread_join(t, NULL);
  return 0;
}
