// The parent kills its child and asserts that the child died of the
// signal; but the child does nothing that takes long and may have exited
// already: killing a zombie does nothing, and the status is its exit's.
// A program.assert in the schedules where the child ends first.
// Fix: kill_child.c (the child waits until it is killed).
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: %tangle check %s > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// RUN: %python %S/../Inputs/schedule.py %t.json program.assert > %t.schedule
// RUN: %tangle replay --schedule "$(cat %t.schedule)" %s --format json > %t.replay.json; test $? -eq 1
// RUN: FileCheck %s --check-prefix=REPLAY --input-file %t.replay.json
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"program.assert"
// CHECK-DAG: "complete":{{ ?}}true
// REPLAY: "id":{{ ?}}"program.assert"
// TEXT: kill{{.*}}process 1 with SIGTERM
#include <assert.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void) {
  pid_t pid = fork();
  if (pid == 0)
    exit(0);
  kill(pid, SIGTERM);
  int status = 0;
  waitpid(pid, &status, 0);
  assert(WIFSIGNALED(status));
  return 0;
}
