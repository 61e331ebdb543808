// --reuse-process with the ways an execution ends: a deadlock the model
// finds (the runtime ends the execution from the thread that took the last
// step), the program's exit() from a thread while main waits in a join
// (the other threads are stopped with a signal and sent back to their park
// stacks; main rewinds from its signal handler), and the return from main.
// The findings, their schedules and the executions are those of a process
// per execution. (The exit leaves thread 2 unjoined: a finding of its own,
// found both ways.)
//
// RUN: %tangle check %s --no-predict --no-lint --no-reuse-process > %t.fork.txt; test $? -eq 1
// RUN: FileCheck %s --input-file %t.fork.txt
// RUN: %tangle check %s --no-predict --no-lint --reuse-process --fibers > %t.reuse.txt; test $? -eq 1
// RUN: FileCheck %s --input-file %t.reuse.txt
// RUN: %tangle check %s --no-predict --no-lint --reuse-process --fibers --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --check-prefix=JSON --input-file %t.json
//
// CHECK: deadlock_and_exit.c:[[#@LINE+42]]:3: error: thread 2 (backward) is neither joined nor detached [lifecycle.unjoined-thread]
// CHECK: replay this interleaving: tangle replay --schedule '0'
// CHECK: deadlock_and_exit.c:[[#@LINE+19]]:3: error: deadlock: thread 1 waits for b held by thread 2, which waits for a held by thread 1 [deadlock.cycle]
// CHECK: replay this interleaving: tangle replay --schedule '0x2,1x2,2'
// CHECK: tangle: bugs: 2 findings in 3 executions
//
// JSON: "executions": 3,
// JSON: "reuse": {
// JSON-NEXT: "executions": 3,
// JSON-NEXT: "fibers": 3,
// JSON-NEXT: "workers": 1
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t b = PTHREAD_MUTEX_INITIALIZER;
static int done;

static void *forward(void *arg) {
  pthread_mutex_lock(&a);
  pthread_mutex_lock(&b);
  done++;
  pthread_mutex_unlock(&b);
  pthread_mutex_unlock(&a);
  return arg;
}

static void *backward(void *arg) {
  pthread_mutex_lock(&b);
  pthread_mutex_lock(&a);
  int last = ++done == 2;
  pthread_mutex_unlock(&a);
  pthread_mutex_unlock(&b);
  if (last)
    exit(0); // while main waits in its join
  return arg;
}

int main(void) {
  pthread_t t[2];
  pthread_create(&t[0], NULL, forward, NULL);
  pthread_create(&t[1], NULL, backward, NULL);
  pthread_join(t[0], NULL);
  pthread_join(t[1], NULL);
  return 0;
}
