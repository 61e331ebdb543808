// Twin of join_ordered.c: the auditor takes a before b too, so the two
// threads agree on one lock order and there is nothing to warn about.
//
// RUN: %tangle check %s > %t.txt; test $? -eq 0
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// RUN: %tangle check %s --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --check-prefix=JSON --input-file %t.json
// TEXT-NOT: lock.order-inversion
// TEXT: tangle: clean: no deadlock or lock misuse in {{.*}} (every interleaving explored, {{[^;]*}}){{$}}
// JSON-NOT: lock.order-inversion
// JSON-DAG: "verdict":{{ ?}}"clean"
#include <pthread.h>

pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t b = PTHREAD_MUTEX_INITIALIZER;
int balance;

void *deposit(void *arg) {
  pthread_mutex_lock(&a);
  pthread_mutex_lock(&b);
  balance++;
  pthread_mutex_unlock(&b);
  pthread_mutex_unlock(&a);
  return NULL;
}

void *audit(void *arg) {
  pthread_mutex_lock(&a);
  pthread_mutex_lock(&b);
  balance--;
  pthread_mutex_unlock(&b);
  pthread_mutex_unlock(&a);
  return NULL;
}

int main(void) {
  pthread_t x, y;
  pthread_create(&x, NULL, deposit, NULL);
  pthread_join(x, NULL);
  pthread_create(&y, NULL, audit, NULL);
  pthread_join(y, NULL);
  return 0;
}
