// --limit-processes: 30 children at once (each runs `sleep`) under a limit
// of 10 more processes than the user runs at launch. A fork fails (EAGAIN):
// the run is incomplete at "process-limit", not a finding; within a limit
// of 100 it is clean. The kernel exempts root from RLIMIT_NPROC, so as root
// tangle runs as nobody (%unprivileged), its temporary folder open to it.
//
// RUN: rm -rf %t.tmp && mkdir -p %t.tmp && chmod 777 %t.tmp
// RUN: %unprivileged env TMPDIR=%t.tmp TANGLE_TEST_MARK=%t.m %tangle check %s --no-lint --format json --max-executions 3 --limit-processes 10 > %t.json; test $? -eq 3
// RUN: FileCheck %s --input-file %t.json
// RUN: %unprivileged env TMPDIR=%t.tmp TANGLE_TEST_MARK=%t.m %tangle check %s --no-lint --format json --max-executions 3 --limit-processes 100 > %t.ok.json; test $? -eq 3
// RUN: FileCheck %s --check-prefix=OK --input-file %t.ok.json
// RUN: %python %S/../Inputs/leftovers.py %t.m %t.tmp
//
// CHECK-DAG: "stopped_by":{{ ?}}"process-limit"
// CHECK-DAG: "findings":{{ ?}}[]
// OK-DAG: "stopped_by":{{ ?}}"max-executions"
// OK-DAG: "findings":{{ ?}}[]
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void) {
  for (int i = 0; i < 30; i++)
    if (fork() == 0) {
      execlp("sleep", "sleep", "0.1", (char *)0);
      _exit(127);
    }
  while (wait(NULL) > 0) {
  }
  return 0;
}
