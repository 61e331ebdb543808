// Main frees the pool while a worker may still write its count of live
// workers, the struct's second field: free is a write to the whole block, so
// the race is on the field the worker wrote, not on the block's first field.
// (C-Thread-Pool's thpool_destroy frees the pool while workers still update
// num_threads_alive.) race.data naming pool->alive. Fix: join the worker
// before the free (-DFIXED: clean).
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: %tangle check %s > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"race.data"
// CHECK-DAG: "summary":{{ ?}}"data race on pool->alive: {{.*}}frees the memory holding it{{.*}}uses freed memory"
// CHECK-NOT: data race on pool->threads
// TEXT-DAG: error: data race on pool->alive: {{.*}}[race.data]
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
  void *threads;
  int alive;
};

void *worker(void *arg) {
  struct pool *pool = arg;
  pool->alive = 0; // the worker says it is gone
  return NULL;
}

int main(void) {
  struct pool *pool = malloc(sizeof *pool);
  pool->threads = NULL;
  pool->alive = 1;
  pthread_t t;
  pthread_create(&t, NULL, worker, pool);
#if FIXED
  pthread_join(t, NULL); // the worker is done with the pool
#else
  pthread_detach(t);
#endif
  free(pool); // the worker may not have written yet
  return 0;
}
