// A one-shot event built directly on the futex system call: the setter
// stores the flag, then wakes; the waiter re-checks the flag around each
// FUTEX_WAIT (the kernel's compare makes the wake impossible to miss).
// Clean. futex_wake_first.c wakes before it stores.
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
#include <linux/futex.h>
#include <pthread.h>
#include <sys/syscall.h>
#include <unistd.h>

unsigned flag;
int data;

void *setter(void *arg) {
  data = 42;
  __atomic_store_n(&flag, 1, __ATOMIC_SEQ_CST);
  syscall(SYS_futex, &flag, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
  return NULL;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, setter, NULL);
  while (__atomic_load_n(&flag, __ATOMIC_SEQ_CST) == 0)
    syscall(SYS_futex, &flag, FUTEX_WAIT_PRIVATE, 0, NULL, NULL, 0);
  int value = data;
  pthread_join(t, NULL);
  return value == 42 ? 0 : 1;
}
