// message_passing.c with sched_yield() in the spin loop: the loads and the
// yields alternate, and the spin is still recognised (the loads repeat with
// nothing changed), so the producer gets to run. Clean.
//
// RUN: %tangle check %s --no-lint --format json > %t.json
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>

atomic_int ready;
int data;

void *producer(void *arg) {
  data = 42;
  atomic_store(&ready, 1);
  return NULL;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, producer, NULL);
  while (!atomic_load(&ready))
    sched_yield();
  int seen = data;
  pthread_join(t, NULL);
  return seen == 42 ? 0 : 1;
}
