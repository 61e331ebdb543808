// waitid(P_PID, ...) for a child that reads what its parent writes: the
// parent writes and closes first, then waits; the siginfo says the child
// exited with 7. Clean. Built with -DWAIT_FIRST the parent waits before
// writing: a deadlock.stall (waitid_before_write.c).
//
// RUN: %tangle check %s --format json > %t.json
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
#include <assert.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void) {
  int fd[2];
  if (pipe(fd) != 0)
    return 1;
  pid_t pid = fork();
  if (pid == 0) {
    close(fd[1]);
    char c;
    read(fd[0], &c, 1);
    _exit(7);
  }
  close(fd[0]);
  siginfo_t info = {0};
#ifdef WAIT_FIRST
  waitid(P_PID, pid, &info, WEXITED);
#endif
  write(fd[1], "x", 1);
  close(fd[1]);
#ifndef WAIT_FIRST
  waitid(P_PID, pid, &info, WEXITED);
#endif
  assert(info.si_pid == pid && info.si_code == CLD_EXITED &&
         info.si_status == 7);
  return 0;
}
