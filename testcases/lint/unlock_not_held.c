// Unlocking what the thread does not hold: twice on one path, and a mutex
// nobody locked.
//
// RUN: %tangle-lint %s -- > %t.txt; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt --implicit-check-not=warning:
#include <pthread.h>

static pthread_mutex_t a_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t b_lock = PTHREAD_MUTEX_INITIALIZER;
static int value;

static void *worker(void *arg) {
  pthread_mutex_lock(&a_lock);
  value++;
  pthread_mutex_unlock(&a_lock);
  // CHECK: :[[@LINE+1]]:3: warning: 'a_lock' is unlocked again on this path [tangle-unlock-not-held]
  pthread_mutex_unlock(&a_lock);
  // CHECK: :[[@LINE+1]]:3: warning: 'b_lock' is unlocked but not held here [tangle-unlock-not-held]
  pthread_mutex_unlock(&b_lock);
  return NULL;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  pthread_join(t, NULL);
  return 0;
}
