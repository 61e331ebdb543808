// The course's 递归锁 (RLock): a thread may acquire an RLock it already
// holds, and releases it as often. Two threads each take it twice (once in a
// helper). Clean; the Lock twin is lock_twice.c.
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
#include <tangle/sync.h>

tangle_rlock_t mutex;
int balance;

void add(int n) {
  tangle_rlock_acquire(&mutex); // already held by deposit(): fine
  balance += n;
  tangle_rlock_release(&mutex);
}

void *deposit(void *arg) {
  tangle_rlock_acquire(&mutex);
  add(10);
  tangle_rlock_release(&mutex);
  return NULL;
}

int main(void) {
  pthread_t a, b;
  tangle_rlock_init(&mutex);
  pthread_create(&a, NULL, deposit, NULL);
  pthread_create(&b, NULL, deposit, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  tangle_rlock_destroy(&mutex);
  return balance == 20 ? 0 : 1;
}
