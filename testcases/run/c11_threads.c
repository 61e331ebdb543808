// tangle run records C11 <threads.h> as it records pthreads: two thrd_t
// threads each take one mtx_t, meet on a cnd_t (so that each surely holds
// its own before it wants the other's) and then want the other's. The
// watchdog reports the cycle with both mutexes and both threads, as for
// pthread mutexes (abba_hang.c). The twin takes the locks in one order and
// meets before it locks; both threads run call_once, and thrd_sleep: the run ends, and its trace has the
// C11 calls as lock, cond-wait, once and yield (sleep) events.
//
// RUN: rm -rf %t.tmp && mkdir -p %t.tmp
// RUN: env TMPDIR=%t.tmp TANGLE_TEST_MARK=%t.cycle %tangle run %s > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt
// RUN: %python %S/../Inputs/leftovers.py %t.cycle %t.tmp
// RUN: %tangle run %s -- -DORDERED > %t.ordered.txt 2>&1
// RUN: FileCheck %s --check-prefix=ORDERED --input-file %t.ordered.txt
// RUN: %clang -g -O0 -fno-omit-frame-pointer -pthread -DORDERED %s -o %t.bin
// RUN: %tangle run --trace %t.trace -- %t.bin > %t.bin.txt 2>&1
// RUN: %tangle trace-dump %t.trace > %t.dump
// RUN: FileCheck %s --check-prefix=DUMP --input-file %t.dump
// RUN: FileCheck %s --check-prefix=WAIT --input-file %t.dump
//
// CHECK: error: deadlock: thread {{[12]}} waits for {{accounts|audit}} held by thread {{[12]}}, which waits for {{accounts|audit}} held by thread {{[12]}} [deadlock.cycle]
// CHECK-DAG: c11_threads.c:[[#LINE_A1:]]:3: note: thread {{[12]}} (deposit) holds accounts, locked here
// CHECK-DAG: c11_threads.c:{{[0-9]+}}:3: note: thread {{[12]}} (deposit) waits here to lock audit, held by thread {{[12]}} (report)
// CHECK-DAG: note: thread {{[12]}} (report) holds audit, locked here
// CHECK-DAG: note: thread {{[12]}} (report) waits here to lock accounts, held by thread {{[12]}} (deposit)
// CHECK: tangle: bugs: 1 finding in one recorded run
//
// ORDERED-NOT: note: this run did not watch
// ORDERED: tangle: no hang in this run: the program exited with status 0
//
// DUMP: thread 0: {{[0-9]+}} events
// DUMP: create -> 1 {{.*}}c11_threads.c
// DUMP: join 0x1 -> 0
// DUMP: thread 1 (parent 0) runs deposit
// DUMP-NEXT: start
// DUMP-NEXT: once {{.*}}c11_threads.c:[[#ONCE:]]
// DUMP-NEXT: once-done {{.*}}c11_threads.c:[[#ONCE]]
// DUMP-NEXT: lock {{.*}}-> 0 {{.*}}c11_threads.c
// DUMP: cond-broadcast
// DUMP: yield {{.*}}c11_threads.c
// DUMP: unlock
// DUMP: exit
//
// Whichever thread meets first waits on the condition (the other finds both
// arrived and does not wait), so the wait is looked for anywhere in the dump.
// WAIT: cond-wait {{.*}}c11_threads.c
#include <threads.h>

mtx_t accounts, audit, gate;
cnd_t arrived_cond;
int arrived;
once_flag once = ONCE_FLAG_INIT;
int initialised;

void setup(void) { ++initialised; }

// Both threads hold their first lock before either wants its second.
void meet(void) {
  mtx_lock(&gate);
  ++arrived;
  cnd_broadcast(&arrived_cond);
  while (arrived < 2)
    cnd_wait(&arrived_cond, &gate);
  mtx_unlock(&gate);
}

int deposit(void *arg) {
  call_once(&once, setup);
  mtx_lock(&accounts);
  meet();
  thrd_sleep(&(struct timespec){.tv_nsec = 1000000}, 0);
  mtx_lock(&audit);
  mtx_unlock(&audit);
  mtx_unlock(&accounts);
  return 0;
}

int report(void *arg) {
  call_once(&once, setup);
#ifdef ORDERED
  meet();
  mtx_lock(&accounts);
  mtx_lock(&audit);
  mtx_unlock(&audit);
  mtx_unlock(&accounts);
#else
  mtx_lock(&audit);
  meet();
  mtx_lock(&accounts);
  mtx_unlock(&accounts);
  mtx_unlock(&audit);
#endif
  return 0;
}

int main(void) {
  thrd_t t1, t2;
  mtx_init(&accounts, mtx_plain);
  mtx_init(&audit, mtx_plain);
  mtx_init(&gate, mtx_plain);
  cnd_init(&arrived_cond);
  thrd_create(&t1, deposit, 0);
  thrd_create(&t2, report, 0);
  thrd_join(t1, 0);
  thrd_join(t2, 0);
  return initialised == 1 ? 0 : 1;
}
