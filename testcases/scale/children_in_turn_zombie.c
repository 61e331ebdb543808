// children_in_turn.c, but the last of the 1,000 children is never waited
// for: it stays a zombie until main ends.
//
// RUN: %tangle check %s --execution-timeout 300 --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
//
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"lifecycle.zombie"
// CHECK-DAG: "line":{{ ?}}[[@LINE+11]]
#include <pthread.h>
#include <sys/wait.h>
#include <unistd.h>

#define N 1000

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;

int main(void) {
  for (int i = 0; i < N; i++) {
    pid_t pid = fork();
    if (pid == 0) {
      pthread_mutex_lock(&m);
      pthread_mutex_unlock(&m);
      _exit(0);
    }
    if (i < N - 1) // forgets the last one
      waitpid(pid, NULL, 0);
  }
  return 0;
}
