// one_thread.c with a gate lock: deposit and audit both hold `bank` around
// their nested locks. Taking the two orders at once would need two threads
// inside `bank`, which it excludes, so the cycle is guarded: no warning
// (ThreadSanitizer and Helgrind still report this one).
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

pthread_mutex_t bank = PTHREAD_MUTEX_INITIALIZER; // the gate
pthread_mutex_t accounts = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t journal = PTHREAD_MUTEX_INITIALIZER;
int balance, entries;

void deposit(int amount) {
  pthread_mutex_lock(&bank);
  pthread_mutex_lock(&accounts);
  pthread_mutex_lock(&journal);
  balance += amount;
  entries++;
  pthread_mutex_unlock(&journal);
  pthread_mutex_unlock(&accounts);
  pthread_mutex_unlock(&bank);
}

void audit(void) {
  pthread_mutex_lock(&bank);
  pthread_mutex_lock(&journal);
  pthread_mutex_lock(&accounts);
  entries += balance != 0;
  pthread_mutex_unlock(&accounts);
  pthread_mutex_unlock(&journal);
  pthread_mutex_unlock(&bank);
}

int main(void) {
  deposit(10);
  audit();
  return 0;
}
