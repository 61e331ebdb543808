// Fibers and a fork (docs/runtime.md, "Fibers"): main forks a child only
// when thread 2 took the lock first, which the first execution does not
// do, so workers with fibers run the program and one of them
// meets the fork. The fork ends that worker after the execution (a child is
// what a rewind cannot undo); within the execution the child runs with an
// OS thread, and the turn goes between the worker's fibers and the child's
// thread: while the child has it, the worker's OS thread sleeps on the
// turn word, and it switches to the fiber that gets the turn back. Same
// count and verdict as a process per execution; the child's exit status
// reaches main.
//
// RUN: %tangle check %s --no-predict --no-lint --reuse-process --fibers --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json
// RUN: %tangle check %s --no-predict --no-lint --no-reuse-process --format json > %t.fork.json; test $? -eq 0
// RUN: FileCheck %s --check-prefix=FORK --input-file %t.fork.json
//
// CHECK: "executions": 6,
// CHECK: "reuse": {
// CHECK-NEXT: "executions": {{[0-9]+}},
// CHECK-NEXT: "fibers": {{[1-9][0-9]*}},
// CHECK-NEXT: "single_use": {{[1-9][0-9]*}},
// CHECK-NEXT: "single_use_by": "the program's fork, which a rewind cannot undo",
// CHECK: "verdict": "clean"
//
// FORK: "executions": 6,
// FORK: "verdict": "clean"
#include <assert.h>
#include <pthread.h>
#include <stdint.h>
#include <sys/wait.h>
#include <unistd.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static intptr_t first;

static void *worker(void *arg) {
  pthread_mutex_lock(&lock);
  if (!first)
    first = (intptr_t)arg;
  pthread_mutex_unlock(&lock);
  return 0;
}

int main(void) {
  pthread_t t[2];
  for (intptr_t i = 0; i < 2; ++i)
    pthread_create(&t[i], 0, worker, (void *)(i + 1));
  pthread_mutex_lock(&lock);
  const intptr_t seen = first;
  pthread_mutex_unlock(&lock);
  if (seen == 2) {
    pid_t child = fork();
    if (child == 0)
      _exit(7);
    int status = 0;
    assert(waitpid(child, &status, 0) == child);
    assert(WIFEXITED(status) && WEXITSTATUS(status) == 7);
  }
  for (int i = 0; i < 2; ++i)
    pthread_join(t[i], 0);
  return 0;
}
