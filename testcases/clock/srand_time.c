// A program that seeds rand() from the clock and lets the first four
// numbers pick which of 16 log locks main takes, one after another, before
// it starts two workers that share a counter under one mutex. Every execution of a schedule must see the
// same time, or replaying a prefix takes another lock:
// program.nondeterministic, the verdict not clean. Under tangle's virtual
// clock every execution (and a replay) reads the same time, so the
// exploration ends `clean`. -DNANOSECONDS seeds with clock_gettime's
// nanoseconds, which differ in every execution on the real clock: with
// --real-time (the opt-out) the nondeterminism comes back (four picks: two
// executions pick alike once in 65536).
//
// RUN: %clang -g -O0 -pthread %s -o %t.bin
// RUN: %tangle check --format json -- %t.bin > %t.json
// RUN: FileCheck %s --input-file %t.json
// RUN: %clang -g -O0 -pthread -DNANOSECONDS %s -o %t.ns.bin
// RUN: %tangle check --format json -- %t.ns.bin > %t.ns.json
// RUN: FileCheck %s --input-file %t.ns.json
// RUN: %tangle check --real-time --format json -- %t.ns.bin > %t.real.json; test $? -eq 1
// RUN: FileCheck %s --check-prefix=REAL --input-file %t.real.json
//
// CHECK-NOT: program.nondeterministic
// CHECK: "verdict":{{ ?}}"clean"
// CHECK-NOT: program.nondeterministic
// REAL-DAG: "id":{{ ?}}"program.nondeterministic"
// REAL-DAG: "stopped_by":{{ ?}}"nondeterministic"
#include <pthread.h>
#include <stdlib.h>
#include <time.h>

static pthread_mutex_t logLocks[16];
static pthread_mutex_t counterLock = PTHREAD_MUTEX_INITIALIZER;
static int counter;

static void *worker(void *arg) {
  pthread_mutex_lock(&counterLock);
  ++counter;
  pthread_mutex_unlock(&counterLock);
  return arg;
}

static unsigned seedFromClock(void) {
#ifdef NANOSECONDS
  struct timespec now;
  clock_gettime(CLOCK_REALTIME, &now);
  return (unsigned)(now.tv_sec ^ now.tv_nsec);
#else
  return (unsigned)time(NULL);
#endif
}

int main(void) {
  for (int i = 0; i < 16; ++i)
    pthread_mutex_init(&logLocks[i], NULL);
  srand(seedFromClock());
  for (int i = 0; i < 4; ++i) {
    int log = rand() % 16;
    pthread_mutex_lock(&logLocks[log]);
    pthread_mutex_unlock(&logLocks[log]);
  }
  pthread_t a, b;
  pthread_create(&a, NULL, worker, NULL);
  pthread_create(&b, NULL, worker, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  return counter == 2 ? 0 : 1;
}
