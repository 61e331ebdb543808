// The same exploration whatever the address layout. The program picks the
// lock of a counter by the counter's address (lock striping, as libstdc++
// picks the lock of an atomic shared_ptr; its std::barrier hashes the
// thread's handle in the same spirit): whether main's counter, on its
// stack, shares a lock with the global one depends on where the stack is,
// and with it which steps depend on each other and how many executions
// DPOR runs (4 or 6). tangle runs the program without address
// randomisation and with main's stack at one place whatever the size of
// the environment (docs/runtime.md, "The same addresses in every run"), so
// every run below explores the same executions: with randomisation off
// (setarch -R) and environments 16 bytes apart, which used to move the
// counter to each of the 4 stripes in turn, and with randomisation on.
//
// RUN: rm -rf %t.tmp && mkdir -p %t.tmp
// RUN: setarch -R env PAD=a TMPDIR=%t.tmp TANGLE_TEST_MARK=%t.m %tangle check %s --no-lint --format json > %t.fixed1.json
// RUN: setarch -R env PAD=aaaaaaaaaaaaaaaaa TMPDIR=%t.tmp TANGLE_TEST_MARK=%t.m %tangle check %s --no-lint --format json > %t.fixed2.json
// RUN: setarch -R env PAD=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa TMPDIR=%t.tmp TANGLE_TEST_MARK=%t.m %tangle check %s --no-lint --format json > %t.fixed3.json
// RUN: setarch -R env PAD=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa TMPDIR=%t.tmp TANGLE_TEST_MARK=%t.m %tangle check %s --no-lint --format json > %t.fixed4.json
// RUN: env PAD=a TMPDIR=%t.tmp TANGLE_TEST_MARK=%t.m %tangle check %s --no-lint --format json > %t.random1.json
// RUN: env PAD=aaaaaaaaaaaaaaaaa TMPDIR=%t.tmp TANGLE_TEST_MARK=%t.m %tangle check %s --no-lint --format json > %t.random2.json
// RUN: env PAD=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa TMPDIR=%t.tmp TANGLE_TEST_MARK=%t.m %tangle check %s --no-lint --format json > %t.random3.json
// RUN: %python %S/../Inputs/same_exploration.py %t.fixed1.json %t.fixed2.json %t.fixed3.json %t.fixed4.json %t.random1.json %t.random2.json %t.random3.json | FileCheck %s
// RUN: %python %S/../Inputs/leftovers.py %t.m %t.tmp
//
// CHECK: the same exploration in 7 runs: clean,
#include <pthread.h>
#include <stdint.h>

#define STRIPES 4
static pthread_mutex_t stripes[STRIPES] = {
    PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER,
    PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER};

static pthread_mutex_t *stripeOf(const void *counter) {
  return &stripes[((uintptr_t)counter >> 4) % STRIPES];
}

static void add(long *counter) {
  pthread_mutex_t *lock = stripeOf(counter);
  pthread_mutex_lock(lock);
  ++*counter;
  pthread_mutex_unlock(lock);
}

static long total; // a global: the stack does not move it

static void *worker(void *counter) {
  add(counter);
  add(&total);
  return NULL;
}

int main(void) {
  long mine = 0; // on main's stack
  pthread_t t;
  pthread_create(&t, NULL, worker, &mine);
  add(&mine);
  add(&total);
  pthread_join(t, NULL);
  return 0;
}
