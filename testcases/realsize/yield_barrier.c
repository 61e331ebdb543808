// A hand-rolled barrier, used twice: each of 4 threads writes its slot, waits
// until all have arrived (spinning on an atomic count with sched_yield), sums
// every slot, and waits again before clearing its own. Correct. Under a
// scheduler that keeps choosing a spinner, a spinner goes round forever;
// tangle treats a repeated load with a yield as a spin and lets the others
// run, so no execution is a false `program.hang` or `deadlock.stall`. The
// interleavings are too many to finish here: stopped by a limit, no finding.
// `bench/realsize.sh` runs it with the default 60 s budget.
// Twin: yield_barrier_one_too_many.c.
//
// RUN: %tangle check %s --no-lint --max-executions 50 --format json > %t.json; test $? -eq 3
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"incomplete"
// CHECK-DAG: "stopped_by":{{ ?}}"max-executions"
// CHECK-DAG: "preemptions_complete":{{ ?}}{{-?[0-9]+}}
// CHECK-DAG: "findings":{{ ?}}[]
#include <assert.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>

#define THREADS 4
#define PARTIES THREADS

static atomic_int arrived;
static int slot[THREADS];

// Round r is passed once PARTIES threads have arrived r times in all.
static void barrier_wait(int round) {
  atomic_fetch_add(&arrived, 1);
  while (atomic_load(&arrived) < PARTIES * round)
    sched_yield();
}

static void *work(void *arg) {
  long id = (long)arg;
  slot[id] = (int)id + 1;
  barrier_wait(1);
  int sum = 0;
  for (int i = 0; i < THREADS; i++)
    sum += slot[i];
  assert(sum == THREADS * (THREADS + 1) / 2);
  barrier_wait(2); // nobody clears a slot another may still be summing
  slot[id] = 0;
  return NULL;
}

int main(void) {
  pthread_t t[THREADS];
  for (long i = 0; i < THREADS; i++)
    pthread_create(&t[i], NULL, work, (void *)i);
  for (int i = 0; i < THREADS; i++)
    pthread_join(t[i], NULL);
  return 0;
}
