// counter.c fixed with C11 _Atomic: the increments are atomic
// read-modify-writes, so they do not race.
//
// RUN: %tangle check %s --format json > %t.json
// RUN: FileCheck %s --input-file %t.json
//
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
// CHECK-DAG: "races_checked":{{ ?}}true
#include <pthread.h>
#include <stdatomic.h>

_Atomic int count;

void *worker(void *arg) {
  count++;
  atomic_fetch_add(&count, 1);
  return NULL;
}

int main(void) {
  pthread_t t1, t2;
  pthread_create(&t1, NULL, worker, NULL);
  pthread_create(&t2, NULL, worker, NULL);
  pthread_join(t1, NULL);
  pthread_join(t2, NULL);
  return atomic_load(&count) == 4 ? 0 : 1;
}
