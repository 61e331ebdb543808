// Two threads take a and b in opposite orders (a deadlock in some
// interleavings); then main sends its own process SIGUSR1 without a
// handler, which would end it and which tangle does not model. The
// deadlock found stands, the verdict is bugs, and the exploration says it
// stopped at the kill (once the kill was an error,
// exit 4, and the deadlock was lost). kill_handled.c: an unmodelled kill
// alone is incomplete.
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: %tangle check %s > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"deadlock.cycle"
// CHECK-DAG: "stopped_by":{{ ?}}"unmodelled-call"
// CHECK-DAG: "limit":{{ ?}}"main thread called kill({{[0-9]+}}, SIGUSR1) on its own process, which tangle does not model
// TEXT-DAG: error: deadlock: {{.*}}[deadlock.cycle]
// TEXT-DAG: kill_self_keeps_findings.c:[[@LINE+24]]:{{[0-9]+}}: note: main thread called kill({{[0-9]+}}, SIGUSR1) on its own process, which tangle does not model
// TEXT-DAG: tangle: bugs: {{.*}}stopped by unmodelled-call
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER, b = PTHREAD_MUTEX_INITIALIZER;

void *worker(void *arg) {
  pthread_mutex_lock(&b);
  pthread_mutex_lock(&a);
  pthread_mutex_unlock(&a);
  pthread_mutex_unlock(&b);
  return arg;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  pthread_mutex_lock(&a);
  pthread_mutex_lock(&b);
  pthread_mutex_unlock(&b);
  pthread_mutex_unlock(&a);
  pthread_join(t, NULL);
  kill(getpid(), SIGUSR1);
  return 0;
}
