// vfork then exec: tangle runs vfork as fork (a vfork child may only exec
// or _exit, which a forked child can do just the same). Clean.
//
// RUN: %tangle check %s --format json > %t.json
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
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
