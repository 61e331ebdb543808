// The twin of rwlock_unlock_unheld.c: one unlock per lock. Clean.
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
#include <assert.h>
#include <pthread.h>

pthread_rwlock_t table_lock = PTHREAD_RWLOCK_INITIALIZER;
int table[2];

int main(void) {
  pthread_rwlock_rdlock(&table_lock);
  int value = table[0];
  assert(pthread_rwlock_unlock(&table_lock) == 0);
  pthread_rwlock_wrlock(&table_lock);
  table[1] = value;
  assert(pthread_rwlock_unlock(&table_lock) == 0);
  return 0;
}
