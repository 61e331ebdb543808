// Two readers each try to upgrade to a write lock while holding the read
// lock: each waits for the other's read lock to go.
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"deadlock.cycle"
#include <pthread.h>

pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
int value;

void *upgrader(void *arg) {
  pthread_rwlock_rdlock(&rw);
  int v = value;
  pthread_rwlock_wrlock(&rw); // waits for every reader, itself included
  value = v + 1;
  pthread_rwlock_unlock(&rw);
  pthread_rwlock_unlock(&rw);
  return NULL;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, upgrader, NULL);
  pthread_create(&b, NULL, upgrader, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  return 0;
}
