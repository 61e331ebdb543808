// A thread locks a mutex it already holds: directly, and through a helper
// called with the mutex held.
//
// RUN: %tangle-lint %s -- > %t.txt; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt --implicit-check-not=warning:
#include <pthread.h>

static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;
static int lines;

static void log_line(void) {
  // CHECK: :[[@LINE+1]]:3: warning: 'log_lock' is locked again while this thread already holds it; a non-recursive lock deadlocks here [tangle-double-lock]
  pthread_mutex_lock(&log_lock);
  lines++;
  pthread_mutex_unlock(&log_lock);
}

static void *worker(void *arg) {
  // CHECK: :[[@LINE+1]]:3: note: 'log_lock' was first locked here
  pthread_mutex_lock(&log_lock);
  // CHECK: :[[@LINE+1]]:3: note: in thread 'worker', through this call
  log_line();
  pthread_mutex_unlock(&log_lock);

  pthread_mutex_lock(&log_lock);
  // CHECK: :[[@LINE+1]]:3: warning: 'log_lock' is locked again while this thread already holds it; a non-recursive lock deadlocks here [tangle-double-lock]
  pthread_mutex_lock(&log_lock);
  pthread_mutex_unlock(&log_lock);
  return NULL;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  pthread_join(t, NULL);
  return 0;
}
