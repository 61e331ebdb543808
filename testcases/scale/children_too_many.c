// 600 child processes alive at once: more than the 512 processes tangle
// tells apart. The execution stops at the fork that would be the 513th
// process: the exploration is incomplete and says which limit stopped it.
// Not a finding, and no fork fails silently with EAGAIN (which would make
// this program report a failed fork that never happens outside tangle).
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 3
// RUN: FileCheck %s --input-file %t.json
// RUN: %tangle check %s > %t.txt 2>&1; test $? -eq 3
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
//
// CHECK-DAG: "verdict":{{ ?}}"incomplete"
// CHECK-DAG: "stopped_by":{{ ?}}"process-limit"
// CHECK-DAG: "limit":{{ ?}}"the program had more than 512 processes at once{{.*}}"
// CHECK-DAG: "findings":{{ ?}}[]
// TEXT: note: the program had more than 512 processes at once{{.*}}; that is a limit of the exploration, not a finding
// TEXT: tangle: incomplete: no findings in 1 execution, stopped by process-limit
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#define N 600

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
