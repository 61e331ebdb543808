// Opposite lock orders in two threads that run at the same time, but a
// semaphore makes the auditor wait until the depositor is done with both
// locks: every interleaving is explored and none deadlocks. A latent
// inversion all the same, ordered by the semaphore rather than by a join:
// the warning says so and does not count. Twin: join_ordered_same_order.c.
//
// RUN: %tangle check %s > %t.txt; test $? -eq 0
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// RUN: %tangle check %s --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --check-prefix=JSON --input-file %t.json
// TEXT: warning: lock-order inversion: thread 1 takes a then b in deposit and thread 2 takes b then a in audit; it cannot deadlock here, since other synchronisation (a semaphore, condition, barrier, pipe or queue) keeps thread 1 and thread 2 from taking these locks at once, but it would if deposit and audit ever ran in two threads at once [lock.order-inversion] (dynamic, not counted)
// TEXT: tangle: clean: {{.*}}; 1 lock-order warning, not counted
// JSON-DAG: "verdict":{{ ?}}"clean"
// JSON-DAG: "reason":{{ ?}}"ordered-by-sync"
#include <pthread.h>
#include <semaphore.h>

pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t b = PTHREAD_MUTEX_INITIALIZER;
sem_t deposited;
int balance;

void *deposit(void *arg) {
  pthread_mutex_lock(&a);
  pthread_mutex_lock(&b);
  balance++;
  pthread_mutex_unlock(&b);
  pthread_mutex_unlock(&a);
  sem_post(&deposited);
  return NULL;
}

void *audit(void *arg) {
  sem_wait(&deposited);
  pthread_mutex_lock(&b);
  pthread_mutex_lock(&a);
  balance--;
  pthread_mutex_unlock(&a);
  pthread_mutex_unlock(&b);
  return NULL;
}

int main(void) {
  pthread_t x, y;
  sem_init(&deposited, 0, 0);
  pthread_create(&x, NULL, deposit, NULL);
  pthread_create(&y, NULL, audit, NULL);
  pthread_join(x, NULL);
  pthread_join(y, NULL);
  return 0;
}
