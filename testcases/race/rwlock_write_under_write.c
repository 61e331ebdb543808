// The twin of rwlock_write_under_read.c: the readers only read under the
// read lock, and the counter is updated under the write lock, which orders
// it after every reader and writer before it. Clean.
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json
// RUN: %tangle check %s > %t.txt 2>&1; test $? -eq 0
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
// TEXT: tangle: clean: {{.*}}every interleaving explored
#include <pthread.h>

pthread_rwlock_t table_lock = PTHREAD_RWLOCK_INITIALIZER;
int table[4] = {1, 2, 3, 4};
int hits;

void *lookup(void *arg) {
  pthread_rwlock_rdlock(&table_lock);
  int value = table[(long)arg];
  pthread_rwlock_unlock(&table_lock);
  pthread_rwlock_wrlock(&table_lock);
  hits++;
  table[(long)arg] = value + 1;
  pthread_rwlock_unlock(&table_lock);
  return NULL;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, lookup, (void *)0);
  pthread_create(&b, NULL, lookup, (void *)1);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  return hits == 2 ? 0 : 1;
}
