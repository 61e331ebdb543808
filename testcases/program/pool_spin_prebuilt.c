// pool_spin_volatile.c's spin in a program built without tangle's
// instrumentation: tangle sees no reads, cannot preempt main between visible
// operations, and main spins until the execution runs out of time while the
// workers wait for their turn. Only the scheduler kept the spin going, so
// that is a limit of the exploration -- incomplete, naming main and the
// line it spun at -- never a program.hang. Twin: pool_spin_never_set.c
// (nobody else can run: a real hang).
//
// RUN: %clang -g -O0 -fno-omit-frame-pointer -pthread %s -o %t.bin
// RUN: timeout 120 %tangle check --execution-timeout 1 --max-executions 3 --format json -- %t.bin > %t.json; test $? -eq 3
// RUN: FileCheck %s --input-file %t.json --implicit-check-not=program.hang
// RUN: timeout 120 %tangle check --execution-timeout 1 --max-executions 3 -- %t.bin > %t.txt 2>&1; test $? -eq 3
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt --implicit-check-not=program.hang
// CHECK-DAG: "verdict":{{ ?}}"incomplete"
// CHECK-DAG: "limit":{{ ?}}"the main thread ran on without any visible operation
// TEXT: pool_spin_prebuilt.c:[[@LINE+19]]:{{[0-9]+}}: note: the main thread ran on without any visible operation {{.*}} so that is a limit, not a hang
#include <pthread.h>

#define WORKERS 2

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static volatile int alive;

static void *worker(void *arg) {
  pthread_mutex_lock(&lock);
  alive++;
  pthread_mutex_unlock(&lock);
  return arg;
}

int main(void) {
  pthread_t t[WORKERS];
  for (int i = 0; i < WORKERS; ++i)
    pthread_create(&t[i], NULL, worker, NULL);
  while (alive != WORKERS) {
    // wait for every worker to start
  }
  for (int i = 0; i < WORKERS; ++i)
    pthread_join(t[i], NULL);
  return 0;
}
