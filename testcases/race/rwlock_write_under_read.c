// Both threads count a lookup in `hits` while holding only the read lock.
// Readers share an rwlock: the lock does not order one reader after
// another, so the two increments race (and one can be lost).
// Fix: update under the write lock, or make the counter atomic
// (rwlock_write_under_write.c).
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: %tangle check %s > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"race.data"
// TEXT-DAG: error: {{.*}}hits{{.*}}[race.data]
#include <pthread.h>

pthread_rwlock_t table_lock = PTHREAD_RWLOCK_INITIALIZER;
int table[4] = {1, 2, 3, 4};
int hits;

void *lookup(void *arg) {
  pthread_rwlock_rdlock(&table_lock);
  int value = table[(long)arg];
  // TEXT-DAG: {{.*}}rwlock_write_under_read.c:[[@LINE+1]]:{{[0-9]+}}
  hits++; // a write under the read lock
  pthread_rwlock_unlock(&table_lock);
  return (void *)(long)value;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, lookup, (void *)0);
  pthread_create(&b, NULL, lookup, (void *)1);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  return 0;
}
