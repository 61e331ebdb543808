// The twin of mtx_ab_ba.c: both threads lock a before b, so no interleaving
// deadlocks, and the counter they both change is protected. Clean.
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json
// RUN: %tangle check %s > %t.txt 2>&1; test $? -eq 0
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
// TEXT: tangle: clean: {{.*}}every interleaving explored
#include <threads.h>

mtx_t a, b;
int shared;

int worker(void *arg) {
  mtx_lock(&a);
  mtx_lock(&b);
  shared += (int)(long)arg;
  mtx_unlock(&b);
  mtx_unlock(&a);
  return 0;
}

int main(void) {
  mtx_init(&a, mtx_plain);
  mtx_init(&b, mtx_plain);
  thrd_t x, y;
  thrd_create(&x, worker, (void *)1);
  thrd_create(&y, worker, (void *)-1);
  thrd_join(x, NULL);
  thrd_join(y, NULL);
  mtx_destroy(&a);
  mtx_destroy(&b);
  return shared;
}
