// A pool in the heap, malloc'd into a pointer declared lines before, and a
// queue malloc'd into one of the pool's fields: the worker takes the
// queue's lock then the pool's, main the other order. Both mutexes are
// named through the pointer the allocation was assigned to, with a cast or
// without (`p = (struct pool *)malloc(...)`, `pool->queue = malloc(...)`):
// p->lock and pool->queue->lock (before, "heap block of 56 bytes" and
// "heap block of 48 bytes").
// Twin: race/heap_block_unnamed.c (a block no pointer receives keeps the
// size as its name).
//
// RUN: %tangle check %s --no-lint > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt
//
// CHECK: error: deadlock: {{.*}}[deadlock.cycle]
// CHECK-DAG: p->lock (heap, allocated at {{.*}}heap_assigned_names.c:[[@LINE+30]] in main)
// CHECK-DAG: pool->queue->lock (heap, allocated at {{.*}}heap_assigned_names.c:[[@LINE+32]] in main)
// CHECK-NOT: heap block of
#include <pthread.h>
#include <stdlib.h>

struct queue {
  pthread_mutex_t lock;
  int items;
};

struct pool {
  pthread_mutex_t lock;
  struct queue *queue;
  int idle;
};

static struct pool *pool;

static void *worker(void *arg) {
  pthread_mutex_lock(&pool->queue->lock);
  pthread_mutex_lock(&pool->lock);
  pool->idle--;
  pthread_mutex_unlock(&pool->lock);
  pthread_mutex_unlock(&pool->queue->lock);
  return arg;
}

int main(void) {
  struct pool *p;
  p = (struct pool *)malloc(sizeof(struct pool));
  pool = p;
  pthread_mutex_init(&pool->lock, NULL);
  pool->queue = malloc(sizeof *pool->queue);
  pthread_mutex_init(&pool->queue->lock, NULL);
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  pthread_mutex_lock(&pool->lock);
  pthread_mutex_lock(&pool->queue->lock);
  pool->queue->items++;
  pthread_mutex_unlock(&pool->queue->lock);
  pthread_mutex_unlock(&pool->lock);
  pthread_join(t, NULL);
  return 0;
}
