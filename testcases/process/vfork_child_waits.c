// The vfork child waits to read a byte its parent writes after vfork
// returns. But vfork suspends the parent until the child execs or exits:
// neither ever goes on (with fork this program is fine). Fix: fork, or let
// the parent write before the vfork (vfork_exec.c execs at once).
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: %tangle check %s > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"deadlock.stall"
// TEXT: error: deadlock: every live thread is blocked: main thread waits in vfork for child process 1 {{.*}}the child has neither called exec nor exited{{.*}}[deadlock.stall]
// TEXT-DAG: blocked: vfork-wait process 1
#include <sys/wait.h>
#include <unistd.h>

int main(void) {
  int go[2];
  if (pipe(go) != 0)
    return 1;
  pid_t pid = vfork();
  if (pid == 0) {
    char c;
    read(go[0], &c, 1); // the parent is suspended until this child execs
    execlp("true", "true", (char *)NULL);
    _exit(127);
  }
  write(go[1], "g", 1);
  waitpid(pid, NULL, 0);
  return 0;
}
