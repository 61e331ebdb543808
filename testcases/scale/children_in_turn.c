// 1,000 child processes forked and waited for one after another; each
// locks its own copy of a mutex. Correct. Each reaped child's process
// number (and its thread's) goes to the next fork, so the 1,000 children
// fit the 512 process numbers (docs/processes.md).
// Twin: children_in_turn_zombie.c. One execution of 1,000 forks takes
// seconds, more than the default --execution-timeout (10 s) on a loaded
// machine: the test gives it room.
//
// RUN: %tangle check %s --execution-timeout 300 --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json
//
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
// CHECK-DAG: "findings":{{ ?}}[]
#include <pthread.h>
#include <sys/wait.h>
#include <unistd.h>

#define N 1000

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;

int main(void) {
  for (int i = 0; i < N; i++) {
    pid_t pid = fork();
    if (pid == 0) {
      pthread_mutex_lock(&m); // the child's own copy
      pthread_mutex_unlock(&m);
      _exit(0);
    }
    waitpid(pid, NULL, 0);
  }
  return 0;
}
