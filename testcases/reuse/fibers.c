// Fibers (docs/runtime.md, "Fibers"): a reuse worker runs the threads of an
// execution as fibers of its one OS thread, each on its pooled thread's
// stack, with its thread-local block's contents swapped in at each switch.
// What a thread keeps for itself stays its own across switches: errno, its
// malloc cache and arena, pthread_self (its pooled thread's handle, the one
// pthread_create gave its creator). Every execution ran as fibers, with the
// same count as a process per execution.
//
// RUN: %tangle check %s --no-predict --no-lint --reuse-process --fibers --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json
// RUN: %tangle check %s --no-predict --no-lint --no-reuse-process --format json > %t.fork.json; test $? -eq 0
// RUN: FileCheck %s --check-prefix=FORK --input-file %t.fork.json
// --no-fibers: the same, in OS threads.
// RUN: %tangle check %s --no-predict --no-lint --reuse-process --no-fibers --format json > %t.threads.json; test $? -eq 0
// RUN: FileCheck %s --check-prefix=THREADS --input-file %t.threads.json
//
// CHECK: "executions": 30,
// CHECK: "reuse": {
// CHECK-NEXT: "executions": 30,
// CHECK-NEXT: "fibers": 30,
// CHECK-NEXT: "workers": 1
// CHECK: "verdict": "clean"
//
// FORK: "executions": 30,
// FORK: "verdict": "clean"
//
// THREADS: "executions": 30,
// THREADS: "reuse": {
// THREADS-NEXT: "executions": 30,
// THREADS-NEXT: "workers": 1
// THREADS: "verdict": "clean"
#include <assert.h>
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_t selves[2];
static char *blocks[2];
static int total;

static void *worker(void *arg) {
  intptr_t i = (intptr_t)arg;
  selves[i] = pthread_self();
  errno = 100 + (int)i;
  char *block = malloc(4000); // the thread's own malloc cache and arena
  memset(block, 'a' + (int)i, 4000);
  for (int round = 0; round < 2; ++round) {
    pthread_mutex_lock(&lock); // where the other thread may run
    assert(errno == 100 + i);
    assert(pthread_equal(pthread_self(), selves[i]));
    assert(block[3999] == 'a' + i);
    total += (int)i + 1;
    pthread_mutex_unlock(&lock);
  }
  blocks[i] = block;
  return block;
}

int main(void) {
  pthread_t t[2];
  for (intptr_t i = 0; i < 2; ++i)
    pthread_create(&t[i], 0, worker, (void *)i);
  errno = 7;
  pthread_mutex_lock(&lock);
  assert(errno == 7);
  assert(!pthread_equal(pthread_self(), t[0]));
  pthread_mutex_unlock(&lock);
  for (int i = 0; i < 2; ++i) {
    void *result;
    pthread_join(t[i], &result);
    assert(pthread_equal(selves[i], t[i]));
    assert(result == blocks[i]);
    free(result);
  }
  assert(total == 6);
  return 0;
}
