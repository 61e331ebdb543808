// 256 child processes alive at once: main forks them all, then waits for
// each. No fork fails (a fork beyond what tangle models would be a limit,
// never a silent EAGAIN: children_too_many.c). Every order of 256 exits is
// too many to explore: the first execution gives no finding.
//
// RUN: %tangle check %s --max-executions 1 --format json > %t.json; test $? -eq 3
// RUN: FileCheck %s --input-file %t.json
//
// CHECK-DAG: "verdict":{{ ?}}"incomplete"
// CHECK-DAG: "stopped_by":{{ ?}}"max-executions"
// CHECK-DAG: "findings":{{ ?}}[]
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#define N 256

int main(void) {
  static pid_t pids[N];
  for (int i = 0; i < N; i++) {
    pids[i] = fork();
    if (pids[i] == 0)
      _exit(0);
    if (pids[i] < 0) {
      perror("fork");
      return 1;
    }
  }
  for (int i = 0; i < N; i++)
    waitpid(pids[i], NULL, 0);
  return 0;
}
