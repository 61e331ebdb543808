// heap_field.c fixed: both threads update the balance under the account's
// lock.
//
// RUN: %tangle check %s --format json > %t.json
// RUN: FileCheck %s --input-file %t.json
//
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
#include <pthread.h>
#include <stdlib.h>

struct account {
  pthread_mutex_t lock;
  long balance;
};

void *deposit(void *arg) {
  struct account *a = arg;
  pthread_mutex_lock(&a->lock);
  a->balance += 10;
  pthread_mutex_unlock(&a->lock);
  return NULL;
}

void *fee(void *arg) {
  struct account *a = arg;
  pthread_mutex_lock(&a->lock);
  a->balance -= 1;
  pthread_mutex_unlock(&a->lock);
  return NULL;
}

int main(void) {
  struct account *a = malloc(sizeof *a);
  pthread_mutex_init(&a->lock, NULL);
  a->balance = 0;
  pthread_t t1, t2;
  pthread_create(&t1, NULL, deposit, a);
  pthread_create(&t2, NULL, fee, a);
  pthread_join(t1, NULL);
  pthread_join(t2, NULL);
  pthread_mutex_destroy(&a->lock);
  free(a);
  return 0;
}
