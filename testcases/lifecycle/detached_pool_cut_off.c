// Four detached workers, created by one loop, each lock and unlock a
// counter; main returns without waiting. Whichever interleaving cuts a
// worker off (before its lock, holding the lock, before its unlock), the
// bug is one: workers started detached and not waited for. One
// lifecycle.detached-cut-off, not one per place a worker was stopped or per
// worker. Fix: join them (-DFIXED: clean).
//
// RUN: %tangle check %s > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt
// RUN: test $(grep -c 'lifecycle.detached-cut-off' %t.txt) -eq 1
// The witness kept is one that shows the harm: a worker stopped holding the
// lock, which is never released.
// CHECK: error: the process ends while the detached thread {{[0-9]}} (worker) is still at work, holding count_lock: its unlock count_lock never happens [lifecycle.detached-cut-off]
// CHECK: tangle: bugs: 1 finding in
// RUN: %tangle check %s -- -DFIXED > %t.fixed.txt 2>&1
// RUN: FileCheck %s --check-prefix=FIXED --input-file %t.fixed.txt
// FIXED-NOT: error:
// FIXED: tangle: clean
#include <pthread.h>

#ifndef FIXED
#define FIXED 0
#endif

static pthread_mutex_t count_lock = PTHREAD_MUTEX_INITIALIZER;
static int done;

static void *worker(void *arg) {
  (void)arg;
  pthread_mutex_lock(&count_lock);
  ++done;
  pthread_mutex_unlock(&count_lock);
  return NULL;
}

int main(void) {
  pthread_t threads[4];
  for (int i = 0; i < 4; ++i)
    pthread_create(&threads[i], NULL, worker, NULL);
  for (int i = 0; i < 4; ++i)
#if FIXED
    pthread_join(threads[i], NULL);
#else
    pthread_detach(threads[i]);
#endif
  return 0;
}
