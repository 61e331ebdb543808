// A pool's shutdown, as thread pools write it: the lock is taken, an error
// code is set on the paths that keep it, and the pool is freed (which
// takes the lock again) only `if (!err)`. On every path where the lock is
// still held, `err` was set to a non-zero constant, so the free never runs
// with the lock held: no double lock. The walk knows the value of a local
// that is only ever assigned constants in statements of their own, and
// follows only the branch a test of it takes. Clean. Twin:
// error_flag_forgot.c.
//
// RUN: %tangle-lint %s -- > %t.txt; test $? -eq 0
// RUN: test ! -s %t.txt
#include <pthread.h>

static pthread_mutex_t pool_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_t worker_thread;
static int shutting_down;

static void free_pool(void) {
  pthread_mutex_lock(&pool_lock);
  shutting_down = 2;
  pthread_mutex_unlock(&pool_lock);
}

static int destroy_pool(void) {
  int err = 0;
  if (pthread_mutex_lock(&pool_lock) != 0)
    return -1;
  do {
    if (shutting_down) {
      err = 1;
      break;
    }
    shutting_down = 1;
    pthread_mutex_unlock(&pool_lock);
    pthread_join(worker_thread, NULL);
  } while (0);
  if (!err)
    free_pool();
  else
    pthread_mutex_unlock(&pool_lock);
  return err;
}

static void *work(void *arg) {
  pthread_mutex_lock(&pool_lock);
  int stop = shutting_down;
  pthread_mutex_unlock(&pool_lock);
  return stop ? NULL : arg;
}

int main(void) {
  pthread_create(&worker_thread, NULL, work, NULL);
  return destroy_pool();
}
