// Two threads increment an atomic counter with a separate load and store:
// each operation is atomic, the increment is not. When both load before
// either stores, one increment is lost and the assertion fails. No data
// race here (every access is atomic): only exploring the order of the
// atomics finds the bug. Fix: one fetch_add (-DFIXED, checked below).
//
// RUN: %tangle check %s --no-lint > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt
// CHECK: error: assertion failed in main thread: {{.*}}[program.assert]
// CHECK: atomic load   count
// CHECK: atomic load   count
// CHECK: atomic store  count
// RUN: %tangle check %S/lost_update.c --no-lint --format json -- -DFIXED > %t.fixed.json
// RUN: FileCheck %s --check-prefix=FIXED --input-file %t.fixed.json
// FIXED-DAG: "verdict":{{ ?}}"clean"
// FIXED-DAG: "complete":{{ ?}}true
#include <assert.h>
#include <pthread.h>
#include <stdatomic.h>

atomic_int count;

void *add(void *arg) {
#ifdef FIXED
  atomic_fetch_add(&count, 1);
#else
  int seen = atomic_load(&count);
  atomic_store(&count, seen + 1);
#endif
  return NULL;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, add, NULL);
  pthread_create(&b, NULL, add, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  assert(atomic_load(&count) == 2);
  return 0;
}
