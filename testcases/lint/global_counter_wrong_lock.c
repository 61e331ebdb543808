// The helper takes the lock as a parameter, but this thread passes a
// different mutex than the one the other thread holds: no common lock.
// Clean twin: global_counter_lock_param.c.
//
// RUN: %tangle-lint %s -- > %t.txt; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt --implicit-check-not=warning:
#include <pthread.h>

static pthread_mutex_t counter_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;
static long counter;

static void add_under(pthread_mutex_t *lock, long n) {
  pthread_mutex_lock(lock);
  counter += n; // the helper's write, in the note below
  pthread_mutex_unlock(lock);
}

static void *direct(void *arg) {
  pthread_mutex_lock(&counter_lock);
  // CHECK: :[[@LINE+2]]:3: warning: 'counter' is written in thread 'direct' and written in thread 'through_helper' with no lock held by both: a data race [tangle-shared-global-unlocked]
  // CHECK: :[[@LINE-7]]:3: note: written here in thread 'through_helper'
  counter++;
  pthread_mutex_unlock(&counter_lock);
  return NULL;
}

static void *through_helper(void *arg) {
  add_under(&log_lock, 2);
  return NULL;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, direct, NULL);
  pthread_create(&b, NULL, through_helper, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  return 0;
}
