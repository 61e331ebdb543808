// Threads started by a helper that main calls: a pool's init starts the
// workers through thread_init(), which calls pthread_create, and main's
// destroy clears the keep-alive flag the workers poll, with no lock. The
// write in thread_init() before the start is ordered by it; main's write
// after the call races with the workers the helper left running. The twin,
// spawn_helper_joined.c, has the helper join its workers before returning:
// clean.
// Fix: make the flag _Atomic, or read and write it under one mutex.
//
// RUN: %tangle-lint %s -- > %t.txt; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt --implicit-check-not=warning:
#include <pthread.h>

static int keepalive;

static void *worker(void *arg) {
  (void)arg;
  for (long spins = 0; keepalive && spins < 1000000; spins++) {
  }
  return NULL;
}

static void thread_init(pthread_t *t) {
  keepalive = 1; // before the start: ordered
  pthread_create(t, NULL, worker, NULL);
  pthread_detach(*t);
}

int main(void) {
  pthread_t workers[4];
  for (int i = 0; i < 4; i++)
    thread_init(&workers[i]);
  // CHECK: spawn_helper.c:[[@LINE+3]]:3: warning: 'keepalive' is written in main thread and read in thread 'worker' with no lock held by both: a data race [tangle-shared-global-unlocked]
  // CHECK-NEXT: spawn_helper.c:{{[0-9]+}}:24: note: read here in thread 'worker'
  // CHECK-NEXT: spawn_helper.c:{{[0-9]+}}:3: note: thread 'worker' is started here
  keepalive = 0;
  return 0;
}
