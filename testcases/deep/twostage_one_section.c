// twostage.c with each worker running both stages inside lock A: a reader
// that sees `first` set under A also sees `second` set, in every
// interleaving, and `first` is read only under A. The portfolio (DPOR, the
// symmetric preemption search, random schedules) finds nothing in its
// budget; the 19 interchangeable workers are too many orders for DPOR to
// finish, so the verdict is incomplete, never a finding.
//
// RUN: %tangle check %s --no-lint --no-predict --max-executions 150 --format json > %t.json; test $? -eq 3
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"incomplete"
// CHECK-DAG: "findings":{{ ?}}[]
// CHECK-DAG: "strategy":{{ ?}}"dpor+sym+pct+pos"
#include <assert.h>
#include <pthread.h>

#ifndef THREADS
#define THREADS 20
#endif

static pthread_mutex_t lock_a = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t lock_b = PTHREAD_MUTEX_INITIALIZER;
static int first, second;

static void *worker(void *arg) {
  pthread_mutex_lock(&lock_a); // both stages under A
  first = 1;
  pthread_mutex_lock(&lock_b);
  second = first + 1;
  pthread_mutex_unlock(&lock_b);
  pthread_mutex_unlock(&lock_a);
  return arg;
}

static void *reader(void *arg) {
  pthread_mutex_lock(&lock_a);
  int seen_first = first;
  pthread_mutex_unlock(&lock_a);
  if (seen_first == 0)
    return arg; // stage 1 not reached yet: nothing to check
  pthread_mutex_lock(&lock_b);
  int seen_second = second;
  pthread_mutex_unlock(&lock_b);
  assert(seen_second == seen_first + 1);
  return arg;
}

int main(void) {
  pthread_t t[THREADS];
  for (int i = 0; i < THREADS - 1; i++)
    pthread_create(&t[i], NULL, worker, NULL);
  pthread_create(&t[THREADS - 1], NULL, reader, NULL);
  for (int i = 0; i < THREADS; i++)
    pthread_join(t[i], NULL);
  return 0;
}
