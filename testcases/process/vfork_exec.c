// vfork then exec: tangle runs vfork as fork (a vfork child may only exec
// or _exit, which a forked child can do just the same), and suspends the
// parent until the child has exec'd or exited, as vfork does. Clean.
// vfork_child_waits.c is a child that waits for its suspended parent.
//
// RUN: %tangle check %s --format json > %t.json
// RUN: FileCheck %s --input-file %t.json
// RUN: %tangle check %s > %t.txt 2>&1
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
// TEXT: tangle: clean: {{.*}}every interleaving explored
#include <sys/wait.h>
#include <unistd.h>
int main(void) {
  pid_t pid = vfork();
  if (pid == 0) {
    execlp("true", "true", (char *)NULL);
    _exit(127);
  }
  int status;
  waitpid(pid, &status, 0);
  return WEXITSTATUS(status);
}
