// A thread pool's start-up, as C-Thread-Pool writes it: each worker counts
// itself alive under the pool's mutex, and main waits for all of them by
// spinning on the counter -- a plain `volatile int`, read without the lock.
// The spin ends under any fair scheduler; tangle treats it as a spin (main
// gives the workers their turn, docs/exploration.md), so there is no
// program.hang. The unlocked read racing with the locked increments is a
// real data race (ThreadSanitizer reports it too): race.data, on `alive`.
// Twins: pool_spin_atomic.c (an atomic counter: clean),
// pool_spin_never_set.c (a worker that never counts itself: program.hang).
//
// RUN: %tangle check %s --no-lint --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json --implicit-check-not=program.hang
// RUN: %tangle check %s --no-lint > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt --implicit-check-not=program.hang
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"race.data"
// CHECK-DAG: "complete":{{ ?}}true
// TEXT-NOT: access log
// TEXT: error: data race on alive
// TEXT: tangle: bugs:
#include <pthread.h>

#define WORKERS 2

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static volatile int alive;

static void *worker(void *arg) {
  pthread_mutex_lock(&lock);
  alive++;
  pthread_mutex_unlock(&lock);
  return arg; // (a real pool would now wait for work)
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
