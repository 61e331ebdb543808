// A worker's pool has as many threads as the first execution used; an
// execution that needs more is refused by its worker and runs in a new
// worker with a larger pool. Objects must keep their addresses from one
// worker to the next (tangle names them by address and checks that a
// replayed prefix meets the same ones): the pool's own memory is kept out
// of the program's way (runtime/aside.h), so a larger pool moves none of
// the program's blocks. Here main's first execution sets the flag before
// the helper reads it (two threads at most), and an execution where the
// helper reads it first starts a third thread; the heap block's address
// is the same in all of them.
//
// RUN: %tangle check %s --no-predict --no-lint --reuse-process --fibers --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json
// RUN: %tangle check %s --no-predict --no-lint --no-reuse-process --format json > %t.fork.json; test $? -eq 0
// RUN: FileCheck %s --check-prefix=FORK --input-file %t.fork.json
//
// CHECK: "executions": [[N:[0-9]+]],
// CHECK: "reuse": {
// CHECK-NEXT: "executions": [[N]],
// CHECK-NEXT: "fibers": [[N]],
// CHECK-NEXT: "workers": 2
// CHECK: "verdict": "clean"
//
// FORK: "executions": [[N:[0-9]+]],
// FORK: "verdict": "clean"
#include <pthread.h>
#include <stdlib.h>

static pthread_mutex_t *lock;
static int flag, counter;

static void *leaf(void *arg) {
  pthread_mutex_lock(lock);
  ++counter;
  pthread_mutex_unlock(lock);
  return arg;
}

static void *helper(void *arg) {
  pthread_mutex_lock(lock);
  int seen = flag;
  pthread_mutex_unlock(lock);
  if (!seen) {
    pthread_t t;
    pthread_create(&t, NULL, leaf, NULL);
    pthread_join(t, NULL);
  }
  return arg;
}

int main(void) {
  lock = malloc(sizeof *lock);
  pthread_mutex_init(lock, NULL);
  int *block = malloc(64 * sizeof *block);
  pthread_t t;
  pthread_create(&t, NULL, helper, NULL);
  pthread_mutex_lock(lock);
  flag = 1;
  block[0] = counter;
  pthread_mutex_unlock(lock);
  pthread_join(t, NULL);
  free(block);
  pthread_mutex_destroy(lock);
  free(lock);
  return 0;
}
