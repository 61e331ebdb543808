// tangle run records spinlocks as normal mutexes: two threads each take one
// pthread_spinlock_t, meet at a barrier, and spin for the other's. A thread
// spinning for a held spinlock says it waits for it, so the watchdog reports
// the cycle (deadlock.cycle, both spinlocks and threads named), not a
// program.hang of a thread that burns CPU. The twin takes them in one order:
// no hang, and nothing unwatched.
//
// RUN: rm -rf %t.tmp && mkdir -p %t.tmp
// RUN: env TMPDIR=%t.tmp TANGLE_TEST_MARK=%t.cycle %tangle run %s > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt
// RUN: %python %S/../Inputs/leftovers.py %t.cycle %t.tmp
// RUN: %tangle run %s -- -DORDERED > %t.ordered.txt 2>&1
// RUN: FileCheck %s --check-prefix=ORDERED --input-file %t.ordered.txt
//
// CHECK: error: deadlock: thread {{[12]}} waits for {{accounts|audit}} held by thread {{[12]}}, which waits for {{accounts|audit}} held by thread {{[12]}} [deadlock.cycle]
// CHECK-DAG: spin_hang.c:30:3: note: thread {{[12]}} (deposit) holds accounts, locked here
// CHECK-DAG: spin_hang.c:32:3: note: thread {{[12]}} (deposit) waits here to lock audit, held by thread {{[12]}} (report)
// CHECK-DAG: spin_hang.c:40:3: note: thread {{[12]}} (report) holds audit, locked here
// CHECK-DAG: spin_hang.c:42:3: note: thread {{[12]}} (report) waits here to lock accounts, held by thread {{[12]}} (deposit)
// CHECK: tangle: bugs: 1 finding in one recorded run
//
// ORDERED-NOT: did not watch
// ORDERED: tangle: no hang in this run: the program exited with status 0
#include <pthread.h>

pthread_spinlock_t accounts, audit;
pthread_barrier_t both_locked;

void *deposit(void *arg) {
  pthread_spin_lock(&accounts);
  pthread_barrier_wait(&both_locked);
  pthread_spin_lock(&audit);
  pthread_spin_unlock(&audit);
  pthread_spin_unlock(&accounts);
  return 0;
}

void *report(void *arg) {
#ifndef ORDERED
  pthread_spin_lock(&audit);
  pthread_barrier_wait(&both_locked);
  pthread_spin_lock(&accounts);
#else
  pthread_barrier_wait(&both_locked);
  pthread_spin_lock(&accounts);
  pthread_spin_lock(&audit);
#endif
  pthread_spin_unlock(&accounts);
  pthread_spin_unlock(&audit);
  return 0;
}

int main(void) {
  pthread_t t1, t2;
  pthread_spin_init(&accounts, 0);
  pthread_spin_init(&audit, 0);
  pthread_barrier_init(&both_locked, 0, 2);
  pthread_create(&t1, 0, deposit, 0);
  pthread_create(&t2, 0, report, 0);
  pthread_join(t1, 0);
  pthread_join(t2, 0);
  return 0;
}
