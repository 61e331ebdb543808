// A thread per task: main starts 3,000 short threads one after another
// (each takes a mutex 200 times: three ring chunks of events), then
// two threads that really deadlock. Without --trace or prediction each
// thread keeps a ring of chunks, and a thread that ended gives its chunks
// to the next ones (runtime/record.cpp, freeChunk): before, every thread
// took three new chunks, a page each to map, and the region's 8,192 chunks
// ran out after ~2,730 such threads ("events dropped: the record region
// was full"). The report still names both deadlocked threads, their locks and
// lines, and every thread's events are counted; the twin (-DORDERED) takes
// the locks in one order and ends cleanly, nothing dropped. With 9,000
// tasks, more than the region's 8,192 thread slots, the slots of the
// threads that ended and were joined are reused (docs/runtime.md, "Thread
// slots"): every thread is recorded, nothing dropped, and the deadlock
// between the two threads started after the 9,000 is reported by the
// watchdog with their own numbers (9,001 and 9,002, not the slots they
// took), their locks and lines. Before, the threads past 8,192 ran
// unrecorded and that deadlock was never reported: tangle waited on.
//
// RUN: %clang -g -O0 -fno-omit-frame-pointer -pthread %s -o %t.bin
// RUN: %tangle run --no-predict -- %t.bin > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt
// RUN: %clang -g -O0 -fno-omit-frame-pointer -pthread -DORDERED %s -o %t.ordered
// RUN: %tangle run --no-predict -- %t.ordered > %t.ordered.txt 2>&1
// RUN: FileCheck %s --check-prefix=ORDERED --input-file %t.ordered.txt
// RUN: %clang -g -O0 -fno-omit-frame-pointer -pthread -DORDERED -DTASKS=9000 %s -o %t.many
// RUN: %tangle run --no-predict -- %t.many > %t.many.txt 2>&1
// RUN: FileCheck %s --check-prefix=MANY --input-file %t.many.txt
// RUN: %clang -g -O0 -fno-omit-frame-pointer -pthread -DTASKS=9000 %s -o %t.many-cycle
// RUN: %tangle run --no-predict -- %t.many-cycle > %t.many-cycle.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --check-prefix=MANY-CYCLE --input-file %t.many-cycle.txt
//
// CHECK: thread_churn.c:{{78|88}}:3: error: deadlock: thread {{300[12]}} waits for {{accounts|audit}} held by thread {{300[12]}}, which waits for {{accounts|audit}} held by thread {{300[12]}} [deadlock.cycle]
// CHECK-DAG: thread_churn.c:76:3: note: thread 3001 (deposit) holds accounts, locked here
// CHECK-DAG: thread_churn.c:78:3: note: thread 3001 (deposit) waits here to lock audit, held by thread 3002 (report)
// CHECK-DAG: thread_churn.c:86:3: note: thread 3002 (report) holds audit, locked here
// CHECK-DAG: thread_churn.c:88:3: note: thread 3002 (report) waits here to lock accounts, held by thread 3001 (deposit)
// CHECK-NOT: dropped
// CHECK: tangle: bugs: 1 finding in one recorded run (1212010 events of 3003 threads recorded,
//
// ORDERED-NOT: dropped
// ORDERED: tangle: no hang in this run: the program exited with status 0 (1212021 events of 3003 threads recorded,
//
// MANY-NOT: dropped
// MANY: tangle: no hang in this run: the program exited with status 0 (3636021 events of 9003 threads recorded,
//
// MANY-CYCLE: thread_churn.c:{{78|88}}:3: error: deadlock: thread {{900[12]}} waits for {{accounts|audit}} held by thread {{900[12]}}, which waits for {{accounts|audit}} held by thread {{900[12]}} [deadlock.cycle]
// MANY-CYCLE-DAG: thread_churn.c:76:3: note: thread 9001 (deposit) holds accounts, locked here
// MANY-CYCLE-DAG: thread_churn.c:78:3: note: thread 9001 (deposit) waits here to lock audit, held by thread 9002 (report)
// MANY-CYCLE-DAG: thread_churn.c:86:3: note: thread 9002 (report) holds audit, locked here
// MANY-CYCLE-DAG: thread_churn.c:88:3: note: thread 9002 (report) waits here to lock accounts, held by thread 9001 (deposit)
// MANY-CYCLE-NOT: dropped
// MANY-CYCLE: tangle: bugs: 1 finding in one recorded run (3636010 events of 9003 threads recorded,
#include <pthread.h>

#ifndef TASKS
#define TASKS 3000
#endif
enum { Tasks = TASKS, Rounds = 200 };

pthread_mutex_t scratch = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t accounts = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t audit = PTHREAD_MUTEX_INITIALIZER;
pthread_barrier_t both_locked;
long done;

void *task(void *arg) {
  for (int i = 0; i < Rounds; ++i) {
    pthread_mutex_lock(&scratch);
    ++done;
    pthread_mutex_unlock(&scratch);
  }
  return arg;
}

void *deposit(void *arg) {
  pthread_mutex_lock(&accounts);
  pthread_barrier_wait(&both_locked);
  pthread_mutex_lock(&audit);
  pthread_mutex_unlock(&audit);
  pthread_mutex_unlock(&accounts);
  return arg;
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
  return arg;
}

int main(void) {
  for (int i = 0; i < Tasks; ++i) {
    pthread_t t;
    pthread_create(&t, 0, task, 0);
    pthread_join(t, 0);
  }
  pthread_t t1, t2;
  pthread_barrier_init(&both_locked, 0, 2);
  pthread_create(&t1, 0, deposit, 0);
  pthread_create(&t2, 0, report, 0);
  pthread_join(t1, 0);
  pthread_join(t2, 0);
  return done == (long)Tasks * Rounds ? 0 : 1;
}
