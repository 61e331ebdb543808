// Thread functions for cross_tu_counter*.c. The checks expected here are
// read by FileCheck from this file (prefixes UNLOCKED and NOLOCKFILE).
#include "counter.h"

void *count_unlocked(void *arg) {
  for (int i = 0; i < 1000; i++)
    // UNLOCKED: counter_worker.c:[[@LINE+1]]:5: warning: 'counter' is written in thread 'count_unlocked' #1 and written in thread 'count_unlocked' #2 with no lock held by both: a data race [tangle-shared-global-unlocked]
    counter++;
  return arg;
}

void *count_locked(void *arg) {
  for (int i = 0; i < 1000; i++) {
    counter_lock();
    // NOLOCKFILE: counter_worker.c:[[@LINE+1]]:5: warning: 'counter' is written in thread 'count_locked' #1 and written in thread 'count_locked' #2 with no lock held by both: a data race [tangle-shared-global-unlocked]
    counter++;
    counter_unlock();
  }
  return arg;
}
