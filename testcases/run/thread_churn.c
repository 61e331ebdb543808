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
// tasks the region's 8,192 thread numbers run out: the threads past them
// run unrecorded, and the summary says so as dropped events (each one's
// start at least), not a clean "no hang" over threads it did not watch.
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
//
// CHECK: thread_churn.c:{{62|72}}:3: error: deadlock: thread {{300[12]}} waits for {{accounts|audit}} held by thread {{300[12]}}, which waits for {{accounts|audit}} held by thread {{300[12]}} [deadlock.cycle]
// CHECK-DAG: thread_churn.c:60:3: note: thread 3001 (deposit) holds accounts, locked here
// CHECK-DAG: thread_churn.c:62:3: note: thread 3001 (deposit) waits here to lock audit, held by thread 3002 (report)
// CHECK-DAG: thread_churn.c:70:3: note: thread 3002 (report) holds audit, locked here
// CHECK-DAG: thread_churn.c:72:3: note: thread 3002 (report) waits here to lock accounts, held by thread 3001 (deposit)
// CHECK-NOT: dropped
// CHECK: tangle: bugs: 1 finding in one recorded run (1212010 events of 3003 threads recorded,
//
// ORDERED-NOT: dropped
// ORDERED: tangle: no hang in this run: the program exited with status 0 (1212021 events of 3003 threads recorded,
//
// MANY: tangle: no hang in this run: the program exited with status 0 ({{[0-9]+}} events of 8192 threads recorded ({{[0-9]+}} events dropped: the record region was full)
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
