// Clean twin of unlock_unlocked.c: every path through withdraw() unlocks
// exactly once.
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
#include <pthread.h>

pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
int balance = 10;
int refused;

void *withdraw(void *arg) {
  pthread_mutex_lock(&m);
  if (balance < 10)
    refused++;
  else
    balance -= 10;
  pthread_mutex_unlock(&m); // the only unlock, on every path
  return NULL;
}

int main(void) {
  pthread_t t1, t2;
  pthread_create(&t1, NULL, withdraw, NULL);
  pthread_create(&t2, NULL, withdraw, NULL);
  pthread_join(t1, NULL);
  pthread_join(t2, NULL);
  return 0;
}
