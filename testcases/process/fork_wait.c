// The course's first process program: fork a child, let it work, and wait
// for it in the parent, reading its exit status. The child's thread is
// scheduled with the parent's; nothing is left a zombie or an orphan.
// Twin of zombie_no_wait.c.
//
// RUN: %tangle check %s --format json > %t.json
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
#include <assert.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void) {
  pid_t pid = fork();
  if (pid == 0)
    exit(3); // the child's work, done
  int status = 0;
  assert(waitpid(pid, &status, 0) == pid);
  assert(WIFEXITED(status) && WEXITSTATUS(status) == 3);
  return 0;
}
