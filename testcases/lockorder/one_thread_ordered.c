// Twin of one_thread.c: deposit and audit both take `accounts` before
// `journal`, so there is no lock-order cycle and nothing to warn about.
//
// RUN: %tangle check %s > %t.txt; test $? -eq 0
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// RUN: %tangle check %s --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --check-prefix=JSON --input-file %t.json
// TEXT-NOT: lock.order-inversion
// TEXT: tangle: clean: no deadlock or lock misuse in 1 execution (every interleaving explored, {{[^;]*}}){{$}}
// JSON-NOT: lock.order-inversion
// JSON-DAG: "verdict":{{ ?}}"clean"
// JSON-DAG: "complete":{{ ?}}true
#include <pthread.h>

pthread_mutex_t accounts = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t journal = PTHREAD_MUTEX_INITIALIZER;
int balance, entries;

void deposit(int amount) {
  pthread_mutex_lock(&accounts);
  pthread_mutex_lock(&journal);
  balance += amount;
  entries++;
  pthread_mutex_unlock(&journal);
  pthread_mutex_unlock(&accounts);
}

void audit(void) {
  pthread_mutex_lock(&accounts);
  pthread_mutex_lock(&journal);
  entries += balance != 0;
  pthread_mutex_unlock(&journal);
  pthread_mutex_unlock(&accounts);
}

int main(void) {
  deposit(10);
  audit();
  return 0;
}
