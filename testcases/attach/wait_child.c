// tangle attach on a parent blocked in waitpid for a child that is alive
// (the child waits in pause for a signal): the parent is not hung, its wait
// ends when the child does; tangle names the child to attach to, exit 5,
// and the parent stays blocked in the same call.
//
// REQUIRES: ptrace
// RUN: %clang -g -O0 %s -o %t.bin
// RUN: %python %S/../Inputs/attach.py --threads 1 --blocked --in-syscall 61 --output %t.txt --program %t.bin -- %tangle attach {pid}
// RUN: FileCheck %s --input-file %t.txt
//
// CHECK: tangle: not hung: process [[#]]: the main thread (tid [[#]]) waits for child process [[CHILD:[0-9]+]], which is still alive (tangle attach [[CHILD]] explains it if it hangs)
// CHECK-NEXT: attach exit code: 5
// CHECK-NEXT: process after attach: unchanged, 1 threads blocked
#include <sys/wait.h>
#include <unistd.h>

int main(void) {
  pid_t child = fork();
  if (child == 0) {
    pause();
    return 0;
  }
  waitpid(child, 0, 0);
  return 0;
}
