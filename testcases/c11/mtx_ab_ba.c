// C11 <threads.h>: thread 1 locks a then b, thread 2 locks b then a. If each
// takes its first mtx_t before the other's second, both wait forever.
// (Before tangle modelled <threads.h>, this was a false "clean".)
// Fix: lock in one global order (mtx_same_order.c).
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: %tangle check %s > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// RUN: %python %S/../Inputs/schedule.py %t.json deadlock.cycle > %t.schedule
// RUN: %tangle replay --schedule "$(cat %t.schedule)" %s --format json > %t.replay.json; test $? -eq 1
// RUN: FileCheck %s --check-prefix=REPLAY --input-file %t.replay.json
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"deadlock.cycle"
// CHECK-DAG: "complete":{{ ?}}true
// REPLAY: "id":{{ ?}}"deadlock.cycle"
// TEXT-DAG: error: deadlock: {{.*}}[deadlock.cycle]
#include <threads.h>

mtx_t a, b;
int shared;

int t1(void *arg) {
  mtx_lock(&a);
  // TEXT-DAG: {{.*}}mtx_ab_ba.c:[[@LINE+1]]:{{[0-9]+}}: note: thread 1 (t1) waits here to lock b
  mtx_lock(&b);
  shared++;
  mtx_unlock(&b);
  mtx_unlock(&a);
  return 0;
}

int t2(void *arg) {
  mtx_lock(&b);
  // TEXT-DAG: {{.*}}mtx_ab_ba.c:[[@LINE+1]]:{{[0-9]+}}: note: thread 2 (t2) waits here to lock a
  mtx_lock(&a);
  shared--;
  mtx_unlock(&a);
  mtx_unlock(&b);
  return 0;
}

int main(void) {
  mtx_init(&a, mtx_plain);
  mtx_init(&b, mtx_plain);
  thrd_t x, y;
  thrd_create(&x, t1, NULL);
  thrd_create(&y, t2, NULL);
  thrd_join(x, NULL);
  thrd_join(y, NULL);
  mtx_destroy(&a);
  mtx_destroy(&b);
  return 0;
}
