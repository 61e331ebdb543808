// The worker publishes its result and then counts itself done; the
// reporter counts itself and then prints the result, without checking that
// the worker is done. Both counts are blind updates, which commute: tangle
// runs one order of them. In the order where the worker counts first, its
// update would seem to publish `result` to the reporter's update; but the
// other order is the same execution for the reduction, and there nothing
// orders the write and the read. So blind updates of one kind order
// nothing between each other, and the race is reported in the one
// execution explored.
//
// RUN: %tangle check %s --no-lint > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt
// CHECK: error: data race on result: {{.*}}[race.data]
// CHECK: tangle: bugs: 1 finding in 1 execution
//
// Twin (-DCHECKED): the reporter prints only once it sees both counts. The
// load conflicts with both updates, so the orders around it are explored,
// and when it reads 2 the worker's update (and its write) came before.
// RUN: %tangle check %s --no-lint --format json -- -DCHECKED > %t.checked.json
// RUN: FileCheck %s --check-prefix=CHECKED --input-file %t.checked.json
// CHECKED-DAG: "verdict":{{ ?}}"clean"
// CHECKED-DAG: "complete":{{ ?}}true
// CHECKED-DAG: "executions":{{ ?}}2,
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

atomic_int done;
int result;

void *worker(void *arg) {
  result = 42;
  atomic_fetch_add(&done, 1);
  return NULL;
}

void *reporter(void *arg) {
  atomic_fetch_add(&done, 1);
#ifdef CHECKED
  if (atomic_load(&done) == 2)
#endif
    printf("result %d\n", result);
  return NULL;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, worker, NULL);
  pthread_create(&b, NULL, reporter, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  return 0;
}
