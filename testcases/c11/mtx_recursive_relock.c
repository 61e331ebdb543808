// The twin of mtx_plain_relock.c: the mutex is made with mtx_recursive, so
// its holder may lock it again (and unlocks it as often). Clean.
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
#include <threads.h>

mtx_t lock;
int balance;

void deposit(int amount) {
  mtx_lock(&lock);
  balance += amount;
  mtx_unlock(&lock);
}

int worker(void *arg) {
  mtx_lock(&lock);
  deposit(10);
  mtx_unlock(&lock);
  return 0;
}

int main(void) {
  mtx_init(&lock, mtx_plain | mtx_recursive);
  thrd_t t1, t2;
  thrd_create(&t1, worker, NULL);
  thrd_create(&t2, worker, NULL);
  thrd_join(t1, NULL);
  thrd_join(t2, NULL);
  mtx_destroy(&lock);
  return balance == 20 ? 0 : 1;
}
