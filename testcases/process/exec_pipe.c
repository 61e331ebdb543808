// fork, redirect the child's output into a pipe, exec a program, read its
// output to the end and wait for it: the course's "start a process" with
// exec. The exec'd program runs unscheduled (tangle does not control it);
// the parent's reads of its pipe and its wait are real. Clean.
//
// RUN: %tangle check %s --format json > %t.json
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void) {
  int fd[2];
  pipe(fd);
  pid_t pid = fork();
  if (pid == 0) {
    close(fd[0]);
    dup2(fd[1], 1);
    close(fd[1]);
    execlp("echo", "echo", "hello from echo", (char *)NULL);
    _exit(127);
  }
  close(fd[1]);
  char buf[64];
  ssize_t n, total = 0;
  while ((n = read(fd[0], buf + total, sizeof buf - 1 - total)) > 0)
    total += n;
  buf[total] = 0;
  int status;
  waitpid(pid, &status, 0);
  return strcmp(buf, "hello from echo\n") == 0 && WEXITSTATUS(status) == 0 ? 0 : 1;
}
