// Twin of atomic_publish.c with the atomics used in ways that order
// nothing: main changes `config` again after it has set the flag (the
// workers may be reading it), and `hits` is guarded by a check-then-set
// "lock" (`while (busy); busy = 1;`): two workers can both see it free
// before either sets it. A relaxed flag (`seen`) orders nothing either.
//
// RUN: %tangle-lint %s -- > %t.txt; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt --implicit-check-not=warning:
#include <pthread.h>
#include <stdatomic.h>

static atomic_int ready, busy, seen;
static int config, extra;
static long hits;

static void *worker(void *arg) {
  while (!atomic_load_explicit(&ready, memory_order_acquire))
    ;
  int step = config;
  while (busy)
    ;
  busy = 1;
  // CHECK: :[[@LINE+1]]:3: warning: 'hits' is written in thread 'worker' and written in another instance of thread 'worker' with no lock held by both: a data race [tangle-shared-global-unlocked]
  hits += step;
  busy = 0;
  if (atomic_load_explicit(&seen, memory_order_relaxed))
    hits += extra;
  return NULL;
}

int main(void) {
  pthread_t t[2];
  for (int i = 0; i < 2; i++)
    pthread_create(&t[i], NULL, worker, NULL);
  config = 3;
  atomic_store_explicit(&ready, 1, memory_order_release);
  // CHECK: :[[@LINE+1]]:3: warning: 'config' is written in main thread and read in thread 'worker' with no lock held by both: a data race [tangle-shared-global-unlocked]
  config = 4;
  // CHECK: :[[@LINE+1]]:3: warning: 'extra' is written in main thread and read in thread 'worker' with no lock held by both: a data race [tangle-shared-global-unlocked]
  extra = 1;
  atomic_store_explicit(&seen, 1, memory_order_relaxed);
  for (int i = 0; i < 2; i++)
    pthread_join(t[i], NULL);
  return 0;
}
