// A thread that ends holding a mutex keeps its thread slot (the region's
// slots are reused only for threads that ended holding nothing and were
// joined or detached: runtime/record.cpp, recordThreadEnd): here thread 1
// takes `ledger` and returns without releasing it, main joins it, 9,000
// short tasks come and go (more than the region's 8,192 slots, so slots are
// reused), and then main wants `ledger` and waits forever. The stall report
// names thread 1 as the holder, with the line it locked at (its slot's held
// record: cli/run_command.cpp, endedHolders), not a task that took a slot
// after it, and every thread is counted, nothing dropped.
//
// RUN: %clang -g -O0 -fno-omit-frame-pointer -pthread %s -o %t.bin
// RUN: %tangle run --no-predict --hang-after 1 -- %t.bin > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt
//
// CHECK: ended_holding_after_churn.c:[[#LINE_WAIT:]]:3: error: deadlock: every live thread is blocked: main thread waits to lock ledger [deadlock.stall]
// CHECK-NEXT: ended_holding_after_churn.c:[[#LINE_WAIT]]:3: note: main thread waits here to lock ledger
// CHECK-NEXT: ended_holding_after_churn.c:[[#]]:3: note: thread 1 (keeper) is created here
// CHECK-NEXT: ended_holding_after_churn.c:[[#LINE_KEEP:]]:3: note: thread 1 (keeper) holds ledger, locked here
// CHECK: thread 1 (keeper){{ +}}lock{{ +}}ledger{{ +}}{{.*}}ended_holding_after_churn.c:[[#LINE_KEEP]]
// CHECK: main thread{{ +}}join{{ +}}thread 9001 (task)
// CHECK-NOT: dropped
// CHECK: tangle: bugs: 1 finding in one recorded run (54005 events of 9002 threads recorded,
#include <pthread.h>

enum { Tasks = 9000 };

pthread_mutex_t ledger = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t scratch = PTHREAD_MUTEX_INITIALIZER;
long done;

void *keeper(void *arg) {
  pthread_mutex_lock(&ledger); // never released
  return arg;
}

void *task(void *arg) {
  pthread_mutex_lock(&scratch);
  ++done;
  pthread_mutex_unlock(&scratch);
  return arg;
}

int main(void) {
  pthread_t k;
  pthread_create(&k, 0, keeper, 0);
  pthread_join(k, 0);
  for (int i = 0; i < Tasks; ++i) {
    pthread_t t;
    pthread_create(&t, 0, task, 0);
    pthread_join(t, 0);
  }
  pthread_mutex_lock(&ledger);
  return 0;
}
