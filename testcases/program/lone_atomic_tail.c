// After joining its workers, main tears down a lock-free structure alone,
// compare-and-swap after compare-and-swap (hp_list of
// sysprog21/concurrent-programs frees its list so). A thread alone makes its
// atomics plain, no visible operation at all, so when the execution's time
// ran out in that tail it was judged to loop forever: program.hang, though
// it was only slow (under load, on a program that ends natively in 0.3 s).
// An atomic that changes its value is progress no step shows: the
// execution is still going, and its timeout is a limit (incomplete, no
// finding). Here the tail is made long on purpose. -DSPIN: main alone
// polls a flag nobody sets, changing nothing: program.hang, as before.
//
// RUN: %tangle check %s --no-lint --execution-timeout 1 --max-executions 2 --format json > %t.json; test $? -eq 3
// RUN: FileCheck %s --input-file %t.json --implicit-check-not=program.hang
// CHECK-DAG: "verdict":{{ ?}}"incomplete"
// CHECK-DAG: "limit":{{ ?}}"an execution was still making steps when it ran out of time (--execution-timeout)"
// RUN: %tangle check %s --no-lint --execution-timeout 1 --max-executions 2 --format json -- -DSPIN > %t.spin.json; test $? -eq 1
// RUN: FileCheck %s --check-prefix=SPIN --input-file %t.spin.json
// SPIN-DAG: "id":{{ ?}}"program.hang"
#include <pthread.h>
#include <stdatomic.h>

static atomic_ulong head;
static atomic_int flag;

static void *worker(void *arg) { return arg; }

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  pthread_join(t, NULL);
#ifdef SPIN
  while (!atomic_load(&flag)) {
  }
#else
  for (unsigned long i = 0; i < (1ul << 40); i++) {
    unsigned long seen = atomic_load(&head);
    atomic_compare_exchange_strong(&head, &seen, seen + 1);
  }
#endif
  return 0;
}
