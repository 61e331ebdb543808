// main waits for the workers by spinning on `alive`, but counts its turns
// in a global as it goes: a loop that writes is no spin to tangle's
// runtime (a write may be what ends it), so main is not preempted and runs
// on until the execution's time is out while the workers wait for their
// turn. Only the scheduler kept the loop going: a limit of the exploration
// (incomplete, naming main and saying why it was not preempted), never a
// program.hang. Twin: pool_spin_volatile.c (the same wait without the
// write: a spin, preempted; its finding is the race on `alive`).
//
// RUN: timeout 120 %tangle check %s --no-lint --execution-timeout 1 --max-executions 3 --format json > %t.json; test $? -eq 3
// RUN: FileCheck %s --input-file %t.json --implicit-check-not=program.hang
// CHECK-DAG: "verdict":{{ ?}}"incomplete"
// CHECK-DAG: "limit":{{ ?}}"the main thread ran on without any visible operation {{.*}}tangle preempts such a loop only where it sees a spin {{.*}}, so that is a limit, not a hang"
#include <pthread.h>

#define WORKERS 2

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static volatile int alive;
static volatile unsigned long turns;

static void *worker(void *arg) {
  pthread_mutex_lock(&lock);
  alive++;
  pthread_mutex_unlock(&lock);
  return arg;
}

int main(void) {
  pthread_t threads[WORKERS];
  for (int i = 0; i < WORKERS; i++)
    pthread_create(&threads[i], NULL, worker, NULL);
  while (alive != WORKERS)
    turns++;
  for (int i = 0; i < WORKERS; i++)
    pthread_join(threads[i], NULL);
  return 0;
}
