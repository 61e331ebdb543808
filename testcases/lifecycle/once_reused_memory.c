// A pthread_once_t in memory that is freed and allocated again, and one on
// the stack of a loop: each iteration's once is a new object (it holds
// PTHREAD_ONCE_INIT again), so its routine runs once per iteration, and the
// program is correct: clean. tangle used to take the new once at the old
// address for the old, done one, skip the routine, and report the
// assertion below as failing (the shape of std::promise's shared state,
// testcases/futex/promise_loop.cpp).
// -DSHARED calls one once from two threads per iteration: still one run of
// the routine each time, whichever thread comes first.
//
// RUN: %tangle check %s > %t.txt 2>&1; test $? -eq 0
// RUN: FileCheck %s --input-file %t.txt
// RUN: %tangle check %s -- -DSHARED > %t.shared 2>&1; test $? -eq 0
// RUN: FileCheck %s --input-file %t.shared
// CHECK-NOT: program.assert
// CHECK: tangle: clean: {{.*}}every interleaving explored
#include <assert.h>
#include <pthread.h>
#include <stdlib.h>

struct lazy {
  pthread_once_t once;
  int value;
};

static int runs;
static void count_run(void) { ++runs; }

static struct lazy *current;
static void *use(void *arg) {
  pthread_once(&current->once, count_run);
  return arg;
}

int main(void) {
  for (int i = 1; i <= 3; ++i) {
    current = malloc(sizeof *current);
    current->once = (pthread_once_t)PTHREAD_ONCE_INIT;
    pthread_t t;
    pthread_create(&t, 0, use, 0);
#ifdef SHARED
    use(0);
#endif
    pthread_join(t, 0);
    assert(runs == 2 * i - 1); // one run per heap once so far
    free(current);

    pthread_once_t local = PTHREAD_ONCE_INIT;
    pthread_once(&local, count_run);
    assert(runs == 2 * i); // and one per stack once
  }
  return 0;
}
