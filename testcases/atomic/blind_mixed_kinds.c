// One thread adds to a flags word while another sets bits in it:
// fetch_add and fetch_or on one variable do not commute ((x + 1) | 4 is
// not (x | 4) + 1), so even though nobody uses their results, every order
// of the four updates is explored: 4! / (2! 2!) = 6 executions.
//
// RUN: %tangle check %s --no-lint --format json > %t.json
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
// CHECK-DAG: "executions":{{ ?}}6,
//
// Twin (-DSAME_KIND): both threads add. Updates of one kind commute: one
// execution.
// RUN: %tangle check %s --no-lint --format json -- -DSAME_KIND > %t.same.json
// RUN: FileCheck %s --check-prefix=SAME --input-file %t.same.json
// SAME-DAG: "verdict":{{ ?}}"clean"
// SAME-DAG: "complete":{{ ?}}true
// SAME-DAG: "executions":{{ ?}}1,
#include <pthread.h>
#include <stdatomic.h>

atomic_uint flags;

void *adder(void *arg) {
  atomic_fetch_add(&flags, 1);
  atomic_fetch_add(&flags, 1);
  return NULL;
}

void *setter(void *arg) {
#ifdef SAME_KIND
  atomic_fetch_add(&flags, 4);
  atomic_fetch_add(&flags, 8);
#else
  atomic_fetch_or(&flags, 4);
  atomic_fetch_or(&flags, 8);
#endif
  return NULL;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, adder, NULL);
  pthread_create(&b, NULL, setter, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  return 0;
}
