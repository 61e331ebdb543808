// Clean twin of self_deadlock_mutexA.c, the course's fix (递归锁, RLock): a
// PTHREAD_MUTEX_RECURSIVE mutex may be locked again by the thread that holds
// it; it is released when the count returns to zero. Two threads each take
// it twice (once in a helper) and release it twice.
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
#define _XOPEN_SOURCE 700 // for pthread_mutexattr_settype
#include <pthread.h>

pthread_mutex_t mutexA;
int balance, logged;

void log_balance(void) {
  pthread_mutex_lock(&mutexA); // count 2: fine for a recursive mutex
  logged = balance;
  pthread_mutex_unlock(&mutexA); // count 1: still held
}

void *deposit(void *arg) {
  pthread_mutex_lock(&mutexA);
  balance += 10;
  log_balance();
  pthread_mutex_unlock(&mutexA); // count 0: released
  return NULL;
}

int main(void) {
  pthread_mutexattr_t attr;
  pthread_mutexattr_init(&attr);
  pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
  pthread_mutex_init(&mutexA, &attr);
  pthread_mutexattr_destroy(&attr);

  pthread_t t1, t2;
  pthread_create(&t1, NULL, deposit, NULL);
  pthread_create(&t2, NULL, deposit, NULL);
  pthread_join(t1, NULL);
  pthread_join(t2, NULL);
  pthread_mutex_destroy(&mutexA);
  return 0;
}
