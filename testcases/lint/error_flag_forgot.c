// Twin of error_flag.c: the already-shutting-down path breaks out of the
// loop without setting `err`, so the pool is freed with the lock still
// held: free_pool locks it again and the thread deadlocks on itself (and
// were it to get past, destroy_pool would return holding the lock).
//
// RUN: %tangle-lint %s -- > %t.txt; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt --implicit-check-not=warning:
#include <pthread.h>

static pthread_mutex_t pool_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_t worker_thread;
static int shutting_down;

static void free_pool(void) {
  // CHECK: :[[@LINE+1]]:3: warning: 'pool_lock' is locked again while this thread already holds it; a non-recursive lock deadlocks here [tangle-double-lock]
  pthread_mutex_lock(&pool_lock);
  shutting_down = 2;
  pthread_mutex_unlock(&pool_lock);
}

static int destroy_pool(void) {
  int err = 0;
  if (pthread_mutex_lock(&pool_lock) != 0)
    return -1;
  do {
    if (shutting_down)
      break; // forgot: err = 1;
    shutting_down = 1;
    pthread_mutex_unlock(&pool_lock);
    pthread_join(worker_thread, NULL);
  } while (0);
  if (!err)
    free_pool();
  else
    pthread_mutex_unlock(&pool_lock);
  // CHECK: :[[@LINE+1]]:3: warning: 'pool_lock' is still held when 'destroy_pool' returns on this path [tangle-missing-unlock]
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
