// Peterson's mutual exclusion for two threads, on sequentially consistent
// atomics: each announces that it wants in, gives the other the turn, and
// spins while the other wants in and has the turn. The assertion checks
// that never more than one thread is inside. tangle explores every
// interleaving of the atomics (the spin loops bounded like retry loops) and
// finds none that breaks it. Twin: peterson_no_turn.c.
//
// RUN: %tangle check %s --no-lint --format json > %t.json
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
#include <assert.h>
#include <pthread.h>
#include <stdatomic.h>

atomic_int want[2];
atomic_int turn;
int inside, total;

void *worker(void *arg) {
  int me = (int)(long)arg, other = 1 - me;
  atomic_store(&want[me], 1);
#ifndef NO_TURN
  atomic_store(&turn, other);
  while (atomic_load(&want[other]) && atomic_load(&turn) == other)
    ;
#else
  while (atomic_load(&want[other]))
    ;
#endif
  inside++;
  assert(inside == 1);
  total++;
  inside--;
  atomic_store(&want[me], 0);
  return NULL;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, worker, (void *)0);
  pthread_create(&b, NULL, worker, (void *)1);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  return total == 2 ? 0 : 1;
}
