// After SCTBench's reorder: 3 setters each move the pair (a, b) from (0, 0)
// to (1, -1), but in two locked steps with the lock released in between; a
// checker reads the pair under the lock and asserts it is one of the two
// consistent states. It fails only when the checker runs between some
// setter's two steps: one preemption, after every order of the setters
// without one. Every access holds the lock, so no data race points at it.
// bench/deep_bugs.sh runs it with -DTHREADS=10 and 20, where the orders of
// the setters alone are too many to try first.
// Fix: reorder_one_section.c.
//
// RUN: %tangle check %s --no-lint --max-findings 1 --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: %python %S/../Inputs/schedule.py %t.json program.assert > %t.schedule
// RUN: %tangle replay --schedule "$(cat %t.schedule)" %s > %t.replay 2>&1; test $? -eq 1
// RUN: FileCheck %s --check-prefix=REPLAY --input-file %t.replay
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"program.assert"
// REPLAY: error: assertion failed in {{.*}}(checker){{.*}}[program.assert]
#include <assert.h>
#include <pthread.h>

#ifndef THREADS
#define THREADS 4
#endif

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int a, b;

static void *setter(void *arg) {
  pthread_mutex_lock(&lock);
  a = 1;
  pthread_mutex_unlock(&lock);
  pthread_mutex_lock(&lock);
  b = -1;
  pthread_mutex_unlock(&lock);
  return arg;
}

static void *checker(void *arg) {
  pthread_mutex_lock(&lock);
  int seen_a = a, seen_b = b;
  pthread_mutex_unlock(&lock);
  assert((seen_a == 0 && seen_b == 0) || (seen_a == 1 && seen_b == -1));
  return arg;
}

int main(void) {
  pthread_t t[THREADS];
  for (int i = 0; i < THREADS - 1; i++)
    pthread_create(&t[i], NULL, setter, NULL);
  pthread_create(&t[THREADS - 1], NULL, checker, NULL);
  for (int i = 0; i < THREADS; i++)
    pthread_join(t[i], NULL);
  return 0;
}
