// --reuse-process: every execution after the first runs in one worker
// process whose memory is put back as it was before the program's main
// (runtime/reuse_worker.h, runtime/snapshot.h). Each execution here checks
// that it starts from the program's first state, in every kind of memory a
// rewind must put back: a global, a static array, the heap (a small block
// from the break and a large one malloc maps), a thread-local variable of
// the pooled threads, and glibc's own state (the atexit list, stdio's
// buffer). Left over from an earlier execution, any of them fails an
// assertion: a program.assert finding. Run both ways, the executions and
// the verdict are the same, and the worker ran every execution. (The first
// request also ran once before, in a process of its own, to tell how many
// threads to pool; that run's result is dropped.)
//
// RUN: %tangle check %s --no-predict --no-lint --no-reuse-process --format json > %t.fork.json; test $? -eq 0
// RUN: FileCheck %s --check-prefixes=BOTH,FORK --input-file %t.fork.json
// RUN: %tangle check %s --no-predict --no-lint --format json --reuse-process --fibers > %t.reuse.json; test $? -eq 0
// RUN: FileCheck %s --check-prefixes=BOTH,REUSE --input-file %t.reuse.json
//
// BOTH: "executions": 90,
// FORK-NOT: "reuse"
// REUSE: "reuse": {
// REUSE-NEXT: "executions": 90,
// REUSE-NEXT: "fibers_declined": "thread-local variables of the program's own (the program), whose addresses every fiber would share",
// REUSE-NEXT: "workers": 1
// REUSE-NEXT: },
// BOTH: "verdict": "clean"
#include <assert.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int runs;
static int table[1024];
static char *small, *large;
static __thread int seen;
static int exited;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int counter;

static void atEnd(void) {
  assert(exited == 0);
  exited = 1;
}

static void *worker(void *arg) {
  assert(seen == 0); // this pooled thread's thread-local block, put back
  seen = 1;
  for (int i = 0; i < 2; ++i) {
    pthread_mutex_lock(&lock);
    ++counter;
    pthread_mutex_unlock(&lock);
  }
  return arg;
}

int main(void) {
  assert(++runs == 1);
  for (int i = 0; i < 1024; ++i)
    assert(table[i] == 0);
  memset(table, 0xff, sizeof(table));
  assert(small == NULL && large == NULL);
  small = malloc(64);
  large = malloc(1 << 20);
  memset(large, 1, 1 << 20);
  atexit(atEnd); // registered once per execution, run once
  printf("buffered, flushed at exit: once per execution\n");
  pthread_t t[3];
  for (int i = 0; i < 3; ++i)
    pthread_create(&t[i], NULL, worker, NULL);
  for (int i = 0; i < 3; ++i)
    pthread_join(t[i], NULL);
  assert(counter == 6);
  return 0;
}
