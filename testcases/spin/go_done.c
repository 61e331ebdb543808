// N workers spin until main says go, write their slot, count themselves
// done; main spins until all are done and sums the slots (spin.c of the
// spin-loop session). Every loop only loads an atomic and compares it with
// a constant: a race of a turn that repeats the turn before it is answered
// at the first turn of the repetition (docs/exploration.md, "The program's
// spin loops"). Clean. 3 workers: 200 executions (9,851 before the rule);
// 4 workers: 2,344 (before: incomplete, about 2e8 estimated).
//
// RUN: %tangle check %s --no-lint --format json -- -DN=3 > %t.3.json
// RUN: FileCheck %s --check-prefix=THREE --input-file %t.3.json
// RUN: %tangle check %s --no-lint --format json -- -DN=4 > %t.4.json
// RUN: FileCheck %s --check-prefix=FOUR --input-file %t.4.json
// THREE-DAG: "verdict":{{ ?}}"clean"
// THREE-DAG: "complete":{{ ?}}true
// THREE-DAG: "executions":{{ ?}}200,
// FOUR-DAG: "verdict":{{ ?}}"clean"
// FOUR-DAG: "complete":{{ ?}}true
// FOUR-DAG: "executions":{{ ?}}2344,
#include <pthread.h>
#include <stdatomic.h>
#include <unistd.h>

atomic_int go, done;
int data[16];

void *worker(void *arg) {
  long i = (long)arg;
  while (!atomic_load(&go))
    ;
  data[i] = 1;
  atomic_fetch_add(&done, 1);
  return 0;
}

int main(void) {
  pthread_t t[N];
  for (long i = 0; i < N; ++i)
    pthread_create(&t[i], 0, worker, (void *)i);
  usleep(1000);
  atomic_store(&go, 1);
  while (atomic_load(&done) < N)
    ;
  int sum = 0;
  for (int i = 0; i < N; ++i)
    sum += data[i];
  for (int i = 0; i < N; ++i)
    pthread_join(t[i], 0);
  return sum != N;
}
