// Without --trace or prediction, record mode keeps each thread's first chunk
// of events and a ring of its last two (85 events a chunk): the deposit
// thread takes accounts, then makes 20,000 more events before it deadlocks,
// so the event of that acquisition is overwritten. The report still names
// the line where accounts was locked (from the thread's held record) and
// both threads by their start routines. The twin writes a trace, which
// keeps every event: the same report, and the trace has them all.
//
// RUN: rm -rf %t.tmp && mkdir -p %t.tmp
// RUN: env TMPDIR=%t.tmp TANGLE_TEST_MARK=%t.ring %tangle run --no-predict %s > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt
// RUN: %python %S/../Inputs/leftovers.py %t.ring %t.tmp
// RUN: %tangle run --trace %t.trace %s > %t.all.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --input-file %t.all.txt
// RUN: %tangle trace-dump %t.trace > %t.dump
// RUN: FileCheck %s --check-prefix=DUMP --input-file %t.dump
//
// CHECK: long_hang.c:[[#WAIT:]]:3: error: deadlock: thread {{[12]}} waits for {{accounts|audit}} held by thread {{[12]}}, which waits for {{accounts|audit}} held by thread {{[12]}} [deadlock.cycle]
// CHECK-DAG: long_hang.c:42:3: note: thread 1 (deposit) holds accounts, locked here
// CHECK-DAG: long_hang.c:45:3: note: thread 1 (deposit) waits here to lock audit, held by thread 2 (report)
// CHECK-DAG: long_hang.c:52:3: note: thread 2 (report) holds audit, locked here
// CHECK-DAG: long_hang.c:54:3: note: thread 2 (report) waits here to lock accounts, held by thread 1 (deposit)
// CHECK: tangle: bugs: 1 finding in one recorded run ({{[0-9]+}} events of 3 threads recorded
//
// DUMP: thread 1 (parent 0): 30004 events
#include <pthread.h>

pthread_mutex_t accounts = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t audit = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t scratch = PTHREAD_MUTEX_INITIALIZER;
pthread_barrier_t both_locked;

static void busy(int pairs) {
  for (int i = 0; i < pairs; ++i) {
    pthread_mutex_lock(&scratch);
    pthread_mutex_unlock(&scratch);
  }
}

void *deposit(void *arg) {
  busy(5000);
  pthread_mutex_lock(&accounts);
  busy(10000);
  pthread_barrier_wait(&both_locked);
  pthread_mutex_lock(&audit);
  pthread_mutex_unlock(&audit);
  pthread_mutex_unlock(&accounts);
  return 0;
}

void *report(void *arg) {
  pthread_mutex_lock(&audit);
  pthread_barrier_wait(&both_locked);
  pthread_mutex_lock(&accounts);
  pthread_mutex_unlock(&accounts);
  pthread_mutex_unlock(&audit);
  return 0;
}

int main(void) {
  pthread_t t1, t2;
  busy(20000);
  pthread_barrier_init(&both_locked, 0, 2);
  pthread_create(&t1, 0, deposit, 0);
  pthread_create(&t2, 0, report, 0);
  pthread_join(t1, 0);
  pthread_join(t2, 0);
  return 0;
}
