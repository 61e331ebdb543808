// A parent stops a child that waits for work that never comes: the child
// reads a pipe whose write end the parent keeps open, the parent kills it
// with SIGTERM, then waits and checks that the status says so. Clean: the
// kill ends the child wherever it is (before it started, or blocked in
// its read), and the wait reports the signal.
// Without the kill (-DNO_KILL) the parent waits for a child that never
// ends: a deadlock.stall (kill_forgotten.c).
//
// RUN: %tangle check %s --format json > %t.json
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
#include <assert.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void) {
  int fd[2];
  if (pipe(fd) != 0)
    return 1;
  pid_t pid = fork();
  if (pid == 0) {
    char job;
    while (read(fd[0], &job, 1) > 0) {
    }
    return 0;
  }
#ifndef NO_KILL
  kill(pid, SIGTERM);
#endif
  int status = 0;
  waitpid(pid, &status, 0);
  assert(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM);
  close(fd[1]);
  return 0;
}
