// sigaction installs a handler that takes the mutex a worker thread holds
// while it updates the total; the handler can interrupt the worker itself.
// Clean twin: signal_handler_flag.c.
//
// RUN: %tangle-lint %s -- > %t.txt; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt --implicit-check-not=warning:
#include <pthread.h>
#include <signal.h>
#include <stdio.h>

static pthread_mutex_t total_lock = PTHREAD_MUTEX_INITIALIZER;
static long total;

static void dump(int sig) {
  // CHECK: :[[@LINE+1]]:3: warning: signal handler 'dump' locks 'total_lock', which thread 'worker' also locks; if the signal arrives while thread 'worker' holds it, the handler waits forever for its own thread [tangle-signal-handler-lock]
  pthread_mutex_lock(&total_lock);
  printf("%ld\n", total);
  pthread_mutex_unlock(&total_lock);
}

static void *worker(void *arg) {
  for (int i = 0; i < 100; i++) {
    pthread_mutex_lock(&total_lock);
    total += i;
    pthread_mutex_unlock(&total_lock);
  }
  return NULL;
}

int main(void) {
  struct sigaction sa = {.sa_handler = dump};
  sigaction(SIGUSR1, &sa, NULL);
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  pthread_join(t, NULL);
  return 0;
}
