// The reader unlocks the rwlock twice. glibc checks nothing and returns 0
// (and its count of readers goes wrong), as tangle's does: the program's
// assert on the result passes, and tangle reports lock.unlock-unlocked at
// the second unlock. Fix: one unlock per lock (rwlock_unlock_paired.c).
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"lock.unlock-unlocked"
// CHECK-NOT: "program.assert"
#include <assert.h>
#include <pthread.h>

pthread_rwlock_t table_lock = PTHREAD_RWLOCK_INITIALIZER;
int table[2];

int main(void) {
  pthread_rwlock_rdlock(&table_lock);
  int value = table[0];
  assert(pthread_rwlock_unlock(&table_lock) == 0);
  assert(pthread_rwlock_unlock(&table_lock) == 0); // once too often
  return value;
}
