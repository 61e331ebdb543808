// The parent waits for its child before giving it the data the child
// reads: the child blocks reading the pipe (the parent still holds the
// write end), the parent blocks in waitpid. Every thread of every process
// is blocked: a deadlock.stall.
// Fix: write and close the pipe first, then wait (wait_after_write.c).
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
// TEXT: error: deadlock: every live thread is blocked: {{.*}}waits for child process 1{{.*}}process 1 waits to read from pipe to_child{{.*}}[deadlock.stall]
#include <sys/wait.h>
#include <unistd.h>

int main(void) {
  int to_child[2];
  if (pipe(to_child) != 0)
    return 1;
  pid_t pid = fork();
  if (pid == 0) {
    close(to_child[1]);
    char job[16];
    while (read(to_child[0], job, sizeof job) > 0) {
    }
    return 0;
  }
  close(to_child[0]);
#ifndef FIXED
  waitpid(pid, NULL, 0);
#endif
  write(to_child[1], "work", 4);
  close(to_child[1]);
#ifdef FIXED
  waitpid(pid, NULL, 0);
#endif
  return 0;
}
