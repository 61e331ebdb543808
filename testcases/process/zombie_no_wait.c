// A zombie: the child sends its result through a pipe and exits; the
// parent reads it (to the end of the data, so the child has always exited
// first) and goes on without ever calling waitpid. The child's exit status
// and process-table entry stay around until the parent ends.
// Fix: fork_wait.c, or zombie_waited.c (this program with the waitpid).
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: %tangle check %s > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// RUN: %python %S/../Inputs/schedule.py %t.json lifecycle.zombie > %t.schedule
// RUN: %tangle replay --schedule "$(cat %t.schedule)" %s --format json > %t.replay.json; test $? -eq 1
// RUN: FileCheck %s --check-prefix=REPLAY --input-file %t.replay.json
//
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"lifecycle.zombie"
// RUN: ! grep -q lifecycle.orphan %t.json
// REPLAY: "id":{{ ?}}"lifecycle.zombie"
// TEXT: zombie_no_wait.c:[[@LINE+10]]:{{[0-9]+}}: error: process 1 (forked by main thread) exits, but its parent (main thread) never waits for it{{.*}}[lifecycle.zombie]
// TEXT: note: fix: Wait for every child you fork
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void) {
  int fd[2];
  if (pipe(fd) != 0)
    return 1;
  pid_t pid = fork();
  if (pid == 0) {
    close(fd[0]);
    write(fd[1], "42", 2);
    return 0;
  }
  close(fd[1]);
  char result[8];
  ssize_t n, total = 0;
  while ((n = read(fd[0], result + total, sizeof result - 1 - total)) > 0)
    total += n;
  result[total] = 0;
  printf("child said %s\n", result);
#ifdef WAITED
  waitpid(pid, NULL, 0);
#endif
  return 0;
}
