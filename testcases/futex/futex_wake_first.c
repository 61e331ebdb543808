// The setter wakes before it stores the flag: if the waiter went to sleep
// in between (it saw 0, and the kernel still sees 0), the wake finds nobody
// and the store comes too late: the waiter sleeps forever.
// deadlock.stall under that schedule. Fix: store, then wake (futex_flag.c).
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: %tangle check %s > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// RUN: %python %S/../Inputs/schedule.py %t.json deadlock.stall > %t.schedule
// RUN: %tangle replay --schedule "$(cat %t.schedule)" %s --format json > %t.replay.json; test $? -eq 1
// RUN: FileCheck %s --check-prefix=REPLAY --input-file %t.replay.json
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"deadlock.stall"
// REPLAY: "id":{{ ?}}"deadlock.stall"
#include <linux/futex.h>
#include <pthread.h>
#include <sys/syscall.h>
#include <unistd.h>

unsigned flag;

void *setter(void *arg) {
  syscall(SYS_futex, &flag, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
  __atomic_store_n(&flag, 1, __ATOMIC_SEQ_CST);
  return NULL;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, setter, NULL);
  while (__atomic_load_n(&flag, __ATOMIC_SEQ_CST) == 0)
    // TEXT: {{.*}}futex_wake_first.c:[[@LINE+1]]:{{[0-9]+}}: error: deadlock: {{.*}}main thread waits on futex flag{{.*}}no thread is left to wake it [deadlock.stall]
    syscall(SYS_futex, &flag, FUTEX_WAIT_PRIVATE, 0, NULL, NULL, 0);
  pthread_join(t, NULL);
  return 0;
}
