// FUTEX_CMP_REQUEUE moves waiters from one futex word to another; tangle
// does not model it, so it cannot prove anything about this program: the
// verdict is "incomplete", naming the call, never "clean". futex_flag.c
// uses only FUTEX_WAIT and FUTEX_WAKE and is proved clean.
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 3
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"incomplete"
// CHECK-DAG: "stopped_by":{{ ?}}"unmodelled-call"
// CHECK-DAG: "limit":{{ ?}}"main thread called futex with FUTEX_CMP_REQUEUE, which tangle does not model"
#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>

unsigned from, to;

int main(void) {
  syscall(SYS_futex, &from, FUTEX_CMP_REQUEUE_PRIVATE, 1, 1, &to, 0);
  return 0;
}
