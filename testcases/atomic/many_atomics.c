// A worker makes more atomic operations than an execution may schedule
// (half of --max-steps). The rest run unscheduled rather than ending the
// execution as a hang, and the report says the exploration is incomplete
// because of it. With a larger --max-steps the same program is explored
// completely.
//
// RUN: %tangle check %s --no-lint --max-steps 2000 > %t.txt 2>&1; test $? -eq 3
// RUN: FileCheck %s --input-file %t.txt
// CHECK: note: atomics were explored in part
// CHECK: tangle: incomplete: no findings in 1 execution, stopped by atomic-limit
// RUN: %tangle check %s --no-lint --max-steps 5000 --format json > %t.json
// RUN: FileCheck %s --check-prefix=ENOUGH --input-file %t.json
// ENOUGH-DAG: "verdict":{{ ?}}"clean"
// ENOUGH-DAG: "complete":{{ ?}}true
#include <pthread.h>
#include <stdatomic.h>

atomic_int count;

void *work(void *arg) {
  for (int i = 0; i < 1500; i++)
    atomic_fetch_add(&count, 1);
  return NULL;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, work, NULL);
  pthread_join(t, NULL);
  return atomic_load(&count) == 1500 ? 0 : 1;
}
