// The producer fills `data` and then sets an atomic flag; the main thread
// spins until the flag is set and then reads `data`. The atomic store and
// load order the two plain accesses (release/acquire, here sequentially
// consistent), so there is no race; and the spin loop is no hang: after a
// couple of turns reading the same value, the spinning thread lets the
// producer run. Before atomics were scheduling points this was reported as
// a program.hang. Twin: spin_forever.c (nobody can set the flag).
//
// RUN: %tangle check %s --no-lint --format json > %t.json
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
// CHECK-DAG: "races_checked":{{ ?}}true
#include <pthread.h>
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
    ; // spin
  int seen = data;
  pthread_join(t, NULL);
  return seen == 42 ? 0 : 1;
}
