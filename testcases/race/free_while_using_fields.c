// Main frees the pool while its worker still uses three of its fields (a
// count under the pool's lock, a queue length and a flag without it): one
// bug, one fix, so one finding, on the free, that lists every field the
// worker touched unordered with it; not one finding per field (C-Thread-
// Pool's thpool_destroy gave five). Fix: join the worker before the free
// (-DFIXED: clean).
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: %tangle check %s > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// The free's race is one finding: no second race.data at the same free.
// RUN: test $(grep -c 'frees the memory holding it' %t.txt) -eq 1
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "summary":{{ ?}}"data race on pool->{{[a-z]+}}: {{.*}}main thread frees the memory holding it at {{.*}}free_while_using_fields.c:[[#@LINE+50]] {{.*}}; thread 1 (worker) also {{[a-z]+}} pool->{{[a-z]+}} at {{.*}}free_while_using_fields.c:{{[0-9]+}} and {{[a-z]+}} pool->{{[a-z]+}} at {{.*}}free_while_using_fields.c:{{[0-9]+}}"
// The finding's object is one of the three fields, the extra accesses name
// the other two.
// CHECK-DAG: "object":{{ ?}}"pool->stop"
// CHECK-DAG: "object":{{ ?}}"pool->len"
// CHECK-DAG: "object":{{ ?}}"pool->alive"
// TEXT: error: data race on pool->{{.*}}frees the memory holding it at {{.*}}free_while_using_fields.c:[[#@LINE+44]]{{.*}} also {{.*}}[race.data]
// TEXT: note: thread 1 (worker) also {{[a-z]+}} pool->{{[a-z]+}} here
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
  int len;
  int stop;
};

void *worker(void *arg) {
  struct pool *pool = arg;
  if (!pool->stop)
    pool->len = 0;
  pthread_mutex_lock(&pool->lock);
  pool->alive = 0; // the worker says it is gone
  pthread_mutex_unlock(&pool->lock);
  return NULL;
}

int main(void) {
  struct pool *pool = malloc(sizeof *pool);
  pthread_mutex_init(&pool->lock, NULL);
  pool->alive = 1;
  pool->len = 1;
  pool->stop = 0;
  pthread_t t;
  pthread_create(&t, NULL, worker, pool);
#if FIXED
  pthread_join(t, NULL); // the worker is done with the pool
  pthread_mutex_destroy(&pool->lock);
#else
  pthread_detach(t);
#endif
  free(pool); // the worker may still be using it
  return 0;
}
