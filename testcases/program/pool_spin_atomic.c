// Twin of pool_spin_volatile.c: the same pool start-up with the counter an
// atomic_int. Main's spin reads it atomically, so there is no race, and the
// spin gives the workers their turn: clean, every interleaving explored.
//
// RUN: %tangle check %s --no-lint --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json --implicit-check-not=program.hang
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
#include <pthread.h>
#include <stdatomic.h>

#define WORKERS 2

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static atomic_int alive;

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
