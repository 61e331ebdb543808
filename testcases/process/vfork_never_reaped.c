// vfork's child exits at once, and the parent never waits for it: a
// zombie until the parent ends. Not an orphan: vfork suspends the parent
// until its child has exited (with fork the parent may end first; tangle
// once said so of vfork too). Fix: waitpid(pid, ...) as vfork_exec.c.
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: %tangle check %s > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"lifecycle.zombie"
// CHECK-NOT: lifecycle.orphan
// TEXT: error: process 1 (forked by main thread) exits, but its parent (main thread) never waits for it{{.*}}[lifecycle.zombie]
// TEXT-NOT: lifecycle.orphan
#include <unistd.h>

int main(void) {
  pid_t pid = vfork();
  if (pid == 0)
    _exit(0);
  return pid < 0;
}
