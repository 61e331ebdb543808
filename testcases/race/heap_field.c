// A heap-allocated account shared by two threads: one deposits under the
// account's lock, the other updates the balance without taking it. The race
// is on a field of a malloc'd struct; tangle names the field.
// Fix: heap_field_fixed.c.
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: %tangle check %s > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
//
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"race.data"
// The block is named through the pointer that received it from malloc, with
// the struct's field: a->balance, a->lock (heap, allocated in main).
// TEXT: heap_field.c:[[@LINE+21]]:{{[0-9]+}}: error: data race on a->balance: {{.*}} holding no lock, while thread 1 (deposit) writes it at {{.*}}heap_field.c:29 holding a->lock, {{.*}}[race.data]
// TEXT: note: thread 1 (deposit) holds a->lock (heap, allocated at {{.*}}heap_field.c:41 in main)
// TEXT: note: fix: thread 1 accesses a->balance {{.*}} take a->lock{{.*}} around the other access too
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
  a->balance -= 1; // forgot the lock
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
