// A thread made with clone() instead of pthread_create: tangle cannot
// schedule it, so it cannot say that every interleaving was explored (the
// child's unlocked counter++ races with main's). The verdict is
// "incomplete", naming clone and its line; never "clean". The same program
// with pthread_create and a mutex is proved clean (pthread_thread.c).
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 3
// RUN: FileCheck %s --input-file %t.json
// RUN: %tangle check %s > %t.txt 2>&1; test $? -eq 3
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// CHECK-DAG: "verdict":{{ ?}}"incomplete"
// CHECK-DAG: "complete":{{ ?}}false
// CHECK-DAG: "stopped_by":{{ ?}}"unmodelled-call"
// CHECK-DAG: "limit":{{ ?}}"main thread called clone, which creates a thread or process tangle does not control
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>

int counter;
pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;

static int child(void *arg) {
  counter++;
  return 0;
}

int main(void) {
  char *stack = malloc(1 << 16);
  // TEXT: clone_thread.c:[[@LINE+1]]:{{[0-9]+}}: note: main thread called clone
  int pid = clone(child, stack + (1 << 16), CLONE_VM | SIGCHLD, NULL);
  pthread_mutex_lock(&m);
  counter++;
  pthread_mutex_unlock(&m);
  waitpid(pid, NULL, 0);
  free(stack);
  return 0;
}
// TEXT: tangle: incomplete: no findings in 1 execution, stopped by unmodelled-call
