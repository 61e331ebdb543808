// The parent reads its child's output to the end of the data, but never
// closes its own copy of the pipe's write end: the pipe is never "ended",
// so once the child is done the read blocks forever. A deadlock.stall that
// ThreadSanitizer and Helgrind only hang on.
// Fix: pipe_close_unused.c (the parent closes fd[1] before reading).
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: %tangle check %s > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// RUN: %python %S/../Inputs/schedule.py %t.json deadlock.stall > %t.schedule
// RUN: %tangle replay --schedule "$(cat %t.schedule)" %s --format json > %t.replay.json; test $? -eq 1
// RUN: FileCheck %s --check-prefix=REPLAY --input-file %t.replay.json
//
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"deadlock.stall"
// CHECK-DAG: "complete":{{ ?}}true
// REPLAY: "id":{{ ?}}"deadlock.stall"
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
    write(fd[1], "hello", 5);
    close(fd[1]);
    return 0;
  }
#ifdef CLOSE_UNUSED
  close(fd[1]);
#endif
  char buffer[16];
  ssize_t n;
  // TEXT: pipe_own_write_end.c:[[@LINE+1]]:{{[0-9]+}}: error: deadlock: every live thread is blocked: main thread waits to read from pipe fd in main at line [[@LINE+1]]; the pipe is empty, and its write end is still open in the first process (its own){{.*}}[deadlock.stall]
  while ((n = read(fd[0], buffer, sizeof buffer)) > 0)
  // TEXT: note: fix: A pipe read returns end-of-file only when every write end is closed
    fwrite(buffer, 1, n, stdout);
  waitpid(pid, NULL, 0);
  return 0;
}
