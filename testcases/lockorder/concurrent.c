// The same opposite orders in two threads that do run at once: the
// exploration reaches the deadlock, which is a `deadlock.cycle` (counted,
// exit 1), and the lock-order cycle adds no warning of its own.
// Twin: join_ordered_same_order.c (one order, no finding).
//
// RUN: %tangle check %s > %t.txt; test $? -eq 1
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// RUN: %tangle check %s --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --check-prefix=JSON --input-file %t.json
// TEXT-NOT: lock.order-inversion
// TEXT: error: deadlock: {{.*}} [deadlock.cycle] (dynamic)
// TEXT-NOT: lock.order-inversion
// TEXT: tangle: bugs: 1 finding in {{.*}} (every interleaving explored, {{.*}}){{$|; static}}
// JSON-NOT: lock.order-inversion
// JSON-DAG: "verdict":{{ ?}}"bugs"
// JSON-DAG: "id":{{ ?}}"deadlock.cycle"
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
  pthread_mutex_lock(&b);
  pthread_mutex_lock(&a);
  balance--;
  pthread_mutex_unlock(&a);
  pthread_mutex_unlock(&b);
  return NULL;
}

int main(void) {
  pthread_t x, y;
  pthread_create(&x, NULL, deposit, NULL);
  pthread_create(&y, NULL, audit, NULL);
  pthread_join(x, NULL);
  pthread_join(y, NULL);
  return 0;
}
