// A plain C11 mutex locked again by the thread that holds it: mtx_plain is
// not recursive, so the thread waits for itself forever. Fix: a recursive
// mutex (mtx_recursive_relock.c), or unlock before calling code that locks.
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: %tangle check %s > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"lock.self-deadlock"
#include <threads.h>

mtx_t lock;
int balance;

void deposit(int amount) {
  // TEXT: {{.*}}mtx_plain_relock.c:[[@LINE+1]]:{{[0-9]+}}: error: {{.*}}[lock.self-deadlock]
  mtx_lock(&lock);
  balance += amount;
  mtx_unlock(&lock);
}

int worker(void *arg) {
  mtx_lock(&lock);
  deposit(10); // locks `lock` again
  mtx_unlock(&lock);
  return 0;
}

int main(void) {
  mtx_init(&lock, mtx_plain);
  thrd_t t;
  thrd_create(&t, worker, NULL);
  thrd_join(t, NULL);
  return 0;
}
