// The course's pool.submit(task, arg).add_done_callback(callback) with the C
// pool: one worker runs two tasks; each task's callback runs after it and
// reads its result. main waits for the last result, then shuts the pool
// down, which lets the worker finish its callbacks.
// Clean.
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
#include <assert.h>
#include <stdint.h>
#include <tangle/sync.h>

tangle_pool_t pool;
tangle_lock_t m = TANGLE_LOCK_INITIALIZER;
intptr_t total;

void *square(void *arg) {
  intptr_t n = (intptr_t)arg;
  return (void *)(n * n);
}

void add_result(tangle_future_t *future, void *arg) {
  assert(tangle_future_done(future));
  tangle_lock_acquire(&m);
  total += (intptr_t)tangle_future_result(future);
  tangle_lock_release(&m);
}

int main(void) {
  tangle_future_t *f[2];
  tangle_pool_init(&pool, 1);
  for (intptr_t i = 0; i < 2; i++) {
    f[i] = tangle_pool_submit(&pool, square, (void *)(i + 1));
    tangle_future_add_done_callback(f[i], add_result, NULL);
  }
  assert((intptr_t)tangle_future_result(f[1]) == 4);
  tangle_pool_shutdown(&pool); // the workers finish, callbacks included
  assert(total == 1 + 4);
  tangle_pool_destroy(&pool);
  return 0;
}
