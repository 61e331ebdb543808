// Threads past the record region's slots run unrecorded (its 8,192 are
// used up by 8,200 short tasks here, which end but are not joined yet: a
// slot goes to the next thread only once its thread was joined or
// detached, docs/runtime.md "Thread slots"; before slots were reused,
// 8,200 tasks joined one by one did it, as moodycamel::ConcurrentQueue's
// unit tests do in their first seconds), and the watchdog must not take
// what it cannot see for a hang. Main then joins one more thread, which works
// for 2 s: locking a mutex in a loop (its events are dropped, not recorded) or,
// with -DCOMPUTE, computing without a call tangle intercepts. Before, the
// watchdog counted only recorded events and listed threads: after
// --hang-after it saw main blocked in a join and nothing else alive, and
// reported "deadlock.stall: main thread waits to join main thread" (the
// unrecorded thread named as thread 0) and killed a healthy program. Now a
// dropped event is progress, and a stall or a loop is not claimed while the
// program has live threads the region does not list (cli/record_watch.cpp,
// unlistedThreadsAlive); the run ends as the program does. (The tasks'
// stacks are small: 8,200 unjoined threads keep theirs.)
//
// RUN: %clang -g -O0 -fno-omit-frame-pointer -pthread %s -o %t.bin
// RUN: %tangle run --no-predict --hang-after 0.5 -- %t.bin > %t.txt 2>&1
// RUN: FileCheck %s --input-file %t.txt
// RUN: %clang -g -O0 -fno-omit-frame-pointer -pthread -DCOMPUTE %s -o %t.compute
// RUN: %tangle run --no-predict --hang-after 0.5 -- %t.compute > %t.compute.txt 2>&1
// RUN: FileCheck %s --input-file %t.compute.txt
//
// CHECK-NOT: deadlock
// CHECK-NOT: program.hang
// CHECK: tangle: no hang in this run: the program exited with status 0 ({{[0-9]+}} events of 8192 threads recorded ({{[0-9]+}} events dropped: the record region was full)
#include <pthread.h>
#include <time.h>

enum { Tasks = 8200 };

pthread_mutex_t work = PTHREAD_MUTEX_INITIALIZER;
volatile long done;

static double seconds(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

void *task(void *arg) { return arg; }

void *busy(void *arg) {
  double start = seconds();
  while (seconds() - start < 2.0) {
#ifndef COMPUTE
    pthread_mutex_lock(&work);
#endif
    ++done;
#ifndef COMPUTE
    pthread_mutex_unlock(&work);
#endif
  }
  return arg;
}

pthread_t tasks[Tasks];

int main(void) {
  pthread_attr_t small;
  pthread_attr_init(&small);
  pthread_attr_setstacksize(&small, 64 * 1024);
  for (int i = 0; i < Tasks; ++i)
    pthread_create(&tasks[i], &small, task, 0);
  pthread_t t;
  pthread_create(&t, 0, busy, 0);
  pthread_join(t, 0);
  for (int i = 0; i < Tasks; ++i)
    pthread_join(tasks[i], 0);
  return 0;
}
