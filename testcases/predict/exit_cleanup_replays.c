// A worker takes the mutex, pushes a cleanup handler that unlocks it and
// leaves by pthread_exit (-DCANCEL: waits on a condition nobody signals,
// and main cancels it); then main joins it and writes `shared`, which the
// worker wrote before, without the lock: a race only if nothing orders
// them, and the join does. Record mode recorded the exit at the
// pthread_exit call, before the cleanup handler's unlock (and a cancelled
// wait not at all: no wake-up, no exit), where the controlled runtime has
// the unlock first; the replay of the recorded order stopped ("at step 6
// it names thread 1 (for its unlock; ...)") and checked no race. Now the
// exit is recorded after the unwind (a key's destructor) and a cancelled
// wait's wake-up before the handlers: the replay runs and checks.
// -DRACE: main reads `shared` before the join: the race the replay finds.
//
// RUN: %tangle run %s --trace %t.trace > %t.txt
// RUN: FileCheck %s --input-file %t.txt
// CHECK: note: prediction: {{.*}}0 races in the replay of the recorded order
// RUN: %tangle trace-dump %t.trace > %t.dump
// RUN: FileCheck %s --check-prefix=DUMP --input-file %t.dump
// DUMP: thread 1
// DUMP: lock
// DUMP-NEXT: unlock
// DUMP-NEXT: exit
//
// RUN: %tangle run %s --trace %t.cancel.trace -- -DCANCEL > %t.cancel.txt
// RUN: FileCheck %s --input-file %t.cancel.txt
// RUN: %tangle trace-dump %t.cancel.trace > %t.cancel.dump
// RUN: FileCheck %s --check-prefix=CANCEL --input-file %t.cancel.dump
// CANCEL: thread 1
// CANCEL: cond-wait
// CANCEL-NEXT: cond-wake {{.*}}-> 125
// CANCEL-NEXT: unlock
// CANCEL-NEXT: exit
//
// RUN: %tangle run %s -- -DRACE > %t.race.txt; test $? -eq 1
// RUN: FileCheck %s --check-prefix=RACE --input-file %t.race.txt
// RACE: error: data race on shared: {{.*}}[race.data]
// RACE: note: prediction: {{.*}}1 race in the replay of the recorded order
#include <pthread.h>

#ifndef CANCEL
#define CANCEL 0
#endif
#ifndef RACE
#define RACE 0
#endif

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t never = PTHREAD_COND_INITIALIZER;
static int shared;

static void unlock(void *mutex) { pthread_mutex_unlock(mutex); }

static void *worker(void *arg) {
  pthread_mutex_lock(&m);
  pthread_cleanup_push(unlock, &m);
  shared = 1;
#if CANCEL
  for (;;)
    pthread_cond_wait(&never, &m); // cancelled here
#else
  pthread_exit(arg);
#endif
  pthread_cleanup_pop(1);
  return arg;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
#if CANCEL
  pthread_cancel(t);
#endif
#if RACE
  int seen = shared; // the worker may be writing it
#endif
  pthread_join(t, NULL);
  pthread_mutex_lock(&m);
  shared = 2;
  pthread_mutex_unlock(&m);
#if RACE
  return seen > 2;
#else
  return 0;
#endif
}
