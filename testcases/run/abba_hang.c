// tangle run: two threads really deadlock (each takes one lock, waits at a
// barrier until the other has taken its own, and wants the other's: certain,
// not a matter of timing). The watchdog reports the cycle from the live wait-for
// state: both mutexes and both threads by name, the line each holder locked
// at and the line each waits at; then it ends the program, leaving nothing
// behind. The twin takes the locks in one order: the run ends normally,
// "no hang in this run", exit 0.
//
// RUN: rm -rf %t.tmp && mkdir -p %t.tmp
// RUN: env TMPDIR=%t.tmp TANGLE_TEST_MARK=%t.cycle %tangle run %s > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt
// RUN: %python %S/../Inputs/leftovers.py %t.cycle %t.tmp
// RUN: env TMPDIR=%t.tmp TANGLE_TEST_MARK=%t.ordered %tangle run %s -- -DORDERED > %t.ordered.txt 2>&1
// RUN: FileCheck %s --check-prefix=ORDERED --input-file %t.ordered.txt
// RUN: %python %S/../Inputs/leftovers.py %t.ordered %t.tmp
// RUN: printf 'deadlock.cycle:deposit\n' > %t.supp
// RUN: %tangle run %s --suppressions %t.supp > %t.supp.txt 2>&1
// RUN: FileCheck %s --check-prefix=SUPP --input-file %t.supp.txt
//
// CHECK: abba_hang.c:[[#]]:3: error: deadlock: thread {{[12]}} waits for {{accounts|audit}} held by thread {{[12]}}, which waits for {{accounts|audit}} held by thread {{[12]}} [deadlock.cycle]
// CHECK-DAG: abba_hang.c:42:3: note: thread {{[12]}} (deposit) holds accounts, locked here
// CHECK-DAG: abba_hang.c:44:3: note: thread {{[12]}} (deposit) waits here to lock audit, held by thread {{[12]}} (report)
// CHECK-DAG: abba_hang.c:52:3: note: thread {{[12]}} (report) holds audit, locked here
// CHECK-DAG: abba_hang.c:54:3: note: thread {{[12]}} (report) waits here to lock accounts, held by thread {{[12]}} (deposit)
// CHECK: note: recorded run: the program ran freely, so there is no schedule to replay
// CHECK: tangle: bugs: 1 finding in one recorded run
//
// SUPP-NOT: error:
// SUPP: note: 1 finding suppressed (--suppressions)
// SUPP: tangle: no finding in this run but 1 suppressed one
//
// ORDERED-NOT: error:
// ORDERED: tangle: no hang in this run: the program exited with status 0
// ORDERED-SAME: one run proves nothing about other interleavings
#include <pthread.h>

pthread_mutex_t accounts = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t audit = PTHREAD_MUTEX_INITIALIZER;
pthread_barrier_t both_locked;

void *deposit(void *arg) {
  pthread_mutex_lock(&accounts);
  pthread_barrier_wait(&both_locked);
  pthread_mutex_lock(&audit);
  pthread_mutex_unlock(&audit);
  pthread_mutex_unlock(&accounts);
  return 0;
}

void *report(void *arg) {
#ifndef ORDERED
  pthread_mutex_lock(&audit);
  pthread_barrier_wait(&both_locked);
  pthread_mutex_lock(&accounts);
#else
  pthread_barrier_wait(&both_locked);
  pthread_mutex_lock(&accounts);
  pthread_mutex_lock(&audit);
#endif
  pthread_mutex_unlock(&accounts);
  pthread_mutex_unlock(&audit);
  return 0;
}

int main(void) {
  pthread_t t1, t2;
  pthread_barrier_init(&both_locked, 0, 2);
  pthread_create(&t1, 0, deposit, 0);
  pthread_create(&t2, 0, report, 0);
  pthread_join(t1, 0);
  pthread_join(t2, 0);
  return 0;
}
