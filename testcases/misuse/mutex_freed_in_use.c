// Main frees the pool, and the mutex inside it, while the worker may still
// unlock that mutex (C-Thread-Pool's thpool_destroy against a worker's last
// unlock of thcount_lock). Not a destroy call: the memory holding the mutex
// was freed, so it may hold something else by now. lock.uninitialized,
// naming the free. Fix: wait for (join) the worker before freeing the pool
// (-DFIXED: clean).
//
// RUN: %tangle check %s > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt
// CHECK-DAG: error: thread 1 (worker) uses pool->lock ({{lock|unlock}}) after the memory holding it was freed at {{.*}}mutex_freed_in_use.c:[[# @LINE + 36]]: the memory may already hold something else, and the behaviour is undefined [lock.uninitialized]
// RUN: %tangle check %s -- -DFIXED > %t.fixed.txt 2>&1
// RUN: FileCheck %s --check-prefix=FIXED --input-file %t.fixed.txt
// FIXED-NOT: error:
// FIXED: tangle: clean
#include <pthread.h>
#include <stdlib.h>

#ifndef FIXED
#define FIXED 0
#endif

struct pool {
  pthread_mutex_t lock;
  int alive;
};

void *worker(void *arg) {
  struct pool *pool = arg;
  pthread_mutex_lock(&pool->lock);
  pool->alive = 0;
  pthread_mutex_unlock(&pool->lock);
  return NULL;
}

int main(void) {
  struct pool *pool = malloc(sizeof *pool);
  pthread_mutex_init(&pool->lock, NULL);
  pool->alive = 1;
  pthread_t t;
  pthread_create(&t, NULL, worker, pool);
#if FIXED
  pthread_join(t, NULL); // the worker is done with the pool
#else
  pthread_detach(t);
#endif
  free(pool); // the worker may still be in its critical section
  return 0;
}
