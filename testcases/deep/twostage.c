// Deep bug, after SCTBench's twostage: each of THREADS-1 workers runs a
// two-stage update. Stage 1 sets `first` under lock A; stage 2, under lock
// B, computes `second` from `first`, read after A was released. A reader
// that sees stage 1 done (under A) then reads `second` (under B) and asserts
// it matches: it fails only when it runs between some worker's two stages,
// before any worker finished stage 2. Reading `first` under B alone is also a
// data race with the other workers' stage-1 writes.
// The workers are interchangeable (one routine, one argument): DPOR alone
// spends its budget on their orders (19! here, 99! with -DTHREADS=100, as
// bench/deep_bugs.sh runs it); the symmetric preemption search tries the
// first worker stopped between its stages with the reader run there among
// its first schedules (docs/exploration.md). The schedule replays it.
// Fix: twostage_one_section.c.
//
// RUN: %tangle check %s --no-lint --no-predict --max-findings 2 --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: %python %S/../Inputs/schedule.py %t.json program.assert > %t.schedule
// RUN: %tangle replay --schedule "$(cat %t.schedule)" %s > %t.replay 2>&1; test $? -eq 1
// RUN: FileCheck %s --check-prefix=REPLAY --input-file %t.replay
// RUN: %tangle check %s --no-lint --no-predict --strategy dpor --max-executions 100 --max-findings 2 --format json > %t.dpor.json; test $? -eq 1
// RUN: FileCheck %s --check-prefix=DPOR --input-file %t.dpor.json
// RUN: FileCheck %s --check-prefix=DPORSYM --input-file %t.dpor.json
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"race.data"
// CHECK-DAG: "found_by":{{ ?}}"sym"
// CHECK-DAG: "symmetric_schedules":{{ ?}}{{[1-9]}}
// CHECK-DAG: "id":{{ ?}}"program.assert"
// REPLAY: error: assertion failed in thread 20 (reader){{.*}}[program.assert]
// DPOR-NOT: "program.assert"
// DPORSYM: "symmetric_schedules":{{ ?}}0{{$|,}}
#include <assert.h>
#include <pthread.h>

#ifndef THREADS
#define THREADS 20
#endif

static pthread_mutex_t lock_a = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t lock_b = PTHREAD_MUTEX_INITIALIZER;
static int first, second;

static void *worker(void *arg) {
  pthread_mutex_lock(&lock_a); // stage 1
  first = 1;
  pthread_mutex_unlock(&lock_a);
  pthread_mutex_lock(&lock_b); // stage 2
  second = first + 1;
  pthread_mutex_unlock(&lock_b);
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
