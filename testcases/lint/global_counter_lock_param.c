// Clean twin of global_counter_wrong_lock.c: one thread locks counter_lock
// directly, the other through a helper that takes the lock as a parameter.
// Both hold counter_lock at the increment.
//
// RUN: %tangle-lint %s -- > %t.txt; test $? -eq 0
// RUN: test ! -s %t.txt
#include <pthread.h>

static pthread_mutex_t counter_lock = PTHREAD_MUTEX_INITIALIZER;
static long counter;

static void add_under(pthread_mutex_t *lock, long n) {
  pthread_mutex_lock(lock);
  counter += n;
  pthread_mutex_unlock(lock);
}

static void *direct(void *arg) {
  pthread_mutex_lock(&counter_lock);
  counter++;
  pthread_mutex_unlock(&counter_lock);
  return NULL;
}

static void *through_helper(void *arg) {
  add_under(&counter_lock, 2);
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
