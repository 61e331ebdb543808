// Clean twin of abort_balance.c: one critical section for the whole
// read-modify-write, so abort() is never reached.
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
// RUN: %tangle check %s > %t.txt; test $? -eq 0
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// TEXT: tangle: clean: {{.*}}every interleaving explored
#include <pthread.h>
#include <stdlib.h>

pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
int balance = 100;

void *withdraw(void *arg) {
  pthread_mutex_lock(&m);
  balance = balance - 10;
  pthread_mutex_unlock(&m);
  return arg;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, withdraw, NULL);
  pthread_create(&b, NULL, withdraw, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  if (balance != 80)
    abort();
  return 0;
}
