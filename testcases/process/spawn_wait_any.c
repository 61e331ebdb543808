// A parent starts a helper program with posix_spawnp and forks a worker
// that reads one byte from it through a pipe. wait(NULL) reaps whichever
// child has ended; the spawned program runs unscheduled and may end at any
// time, so the first wait returns it, the parent writes the byte, and the
// second wait returns the worker. Clean.
// Built with -DWAIT_TWICE_FIRST the parent waits for both children before
// writing: the second wait waits for the worker, which waits for the
// parent's byte. A deadlock.stall (spawn_wait_twice_first.c).
//
// RUN: %tangle check %s --format json > %t.json
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
#define _GNU_SOURCE
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

int main(void) {
  int fd[2];
  // Close-on-exec: the helper program does not inherit the pipe's ends.
  if (pipe2(fd, O_CLOEXEC) != 0)
    return 1;
  char *argv[] = {"true", NULL};
  pid_t helper;
  if (posix_spawnp(&helper, "true", NULL, NULL, argv, environ) != 0)
    return 1;
  pid_t worker = fork();
  if (worker == 0) {
    close(fd[1]);
    char c;
    read(fd[0], &c, 1);
    return 0;
  }
  close(fd[0]);
  wait(NULL);
#ifdef WAIT_TWICE_FIRST
  wait(NULL);
#endif
  write(fd[1], "x", 1);
  close(fd[1]);
#ifndef WAIT_TWICE_FIRST
  wait(NULL);
#endif
  return 0;
}
