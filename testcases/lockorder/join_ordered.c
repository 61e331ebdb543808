// Opposite lock orders in two threads that never run at once: main joins
// the depositor before it creates the auditor (which gets its number again,
// thread 1). No deadlock here, but a
// latent one: a warning that does not count (verdict clean, exit 0).
// Twin: join_ordered_same_order.c.
//
// RUN: %tangle check %s > %t.txt; test $? -eq 0
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// RUN: %tangle check %s --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --check-prefix=JSON --input-file %t.json
// TEXT: join_ordered.c:29:3: warning: lock-order inversion: thread 1 (deposit) takes a then b in deposit and thread 1 (audit) takes b then a in audit; it cannot deadlock here, since create and join keep thread 1 (deposit) and thread 1 (audit) from running at once, but it would if deposit and audit ever ran in two threads at once [lock.order-inversion] (dynamic, not counted)
// TEXT-NEXT: join_ordered.c:29:3: note: thread 1 (deposit) locks b here (step {{[0-9]+}}) while holding a
// TEXT-NEXT: join_ordered.c:28:3: note: thread 1 (deposit) locked a here (step {{[0-9]+}})
// TEXT-NEXT: join_ordered.c:38:3: note: thread 1 (audit) locks a here (step {{[0-9]+}}) while holding b
// TEXT-NEXT: join_ordered.c:37:3: note: thread 1 (audit) locked b here (step {{[0-9]+}})
// TEXT: tangle: clean: no deadlock or lock misuse in {{[0-9]+}} execution{{s?}} (every interleaving explored, {{.*}}); 1 lock-order warning, not counted
// JSON-DAG: "verdict":{{ ?}}"clean"
// JSON-DAG: "id":{{ ?}}"lock.order-inversion"
// JSON-DAG: "counted":{{ ?}}false
// JSON-DAG: "reason":{{ ?}}"ordered-by-join"
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
  pthread_join(x, NULL); // the depositor has finished before the auditor exists
  pthread_create(&y, NULL, audit, NULL);
  pthread_join(y, NULL);
  return 0;
}
