// pool_spin_volatile.c with one worker that never counts itself alive: main
// spins on `alive` forever. Once the workers wait for work, nobody can
// change it, and main runs on without any visible operation: program.hang
// at the spin's line, found when the execution runs out of time. (While the
// workers could still run, main gave them their turn: that is no hang.)
//
// RUN: timeout 120 %tangle check %s --no-lint --execution-timeout 1 --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: timeout 120 %tangle check %s --no-lint --execution-timeout 1 > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"program.hang"
#include <pthread.h>

#define WORKERS 2

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t work = PTHREAD_COND_INITIALIZER;
static volatile int alive;
static int stopping;

static void *worker(void *arg) {
  if (arg) { // the last worker forgets to count itself
    pthread_mutex_lock(&lock);
    alive++;
    pthread_mutex_unlock(&lock);
  }
  pthread_mutex_lock(&lock);
  while (!stopping)
    pthread_cond_wait(&work, &lock);
  pthread_mutex_unlock(&lock);
  return arg;
}

int main(void) {
  pthread_t t[WORKERS];
  for (long i = 0; i < WORKERS; ++i)
    pthread_create(&t[i], NULL, worker, (void *)(WORKERS - 1 - i));
  // TEXT: pool_spin_never_set.c:[[@LINE+1]]:{{[0-9]+}}: error: {{.*}}[program.hang]
  while (alive != WORKERS) {
    // waits for a worker that never comes
  }
  pthread_mutex_lock(&lock);
  stopping = 1;
  pthread_cond_broadcast(&work);
  pthread_mutex_unlock(&lock);
  for (int i = 0; i < WORKERS; ++i)
    pthread_join(t[i], NULL);
  return 0;
}
