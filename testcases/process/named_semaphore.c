// A named semaphore (sem_open) is the same semaphore in every process that
// opens it, wherever each maps it: the child posts, the parent waits once
// per post. Built with -DTWICE the parent waits twice for one post: a
// deadlock.stall (named_semaphore_twice.c).
//
// RUN: %tangle check %s --format json > %t.json
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
#include <fcntl.h>
#include <semaphore.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef NAME // each testcase its own, as lit runs them in parallel
#define NAME "/tangle_testcase_named_semaphore"
#endif

int main(void) {
  sem_unlink(NAME); // a stale one from an interrupted run
  pid_t pid = fork();
  if (pid == 0) {
    sem_t *done = sem_open(NAME, O_CREAT, 0600, 0);
    sem_post(done);
    sem_close(done);
    return 0;
  }
  sem_t *done = sem_open(NAME, O_CREAT, 0600, 0);
#ifdef TWICE
  sem_wait(done);
#endif
  sem_wait(done);
  waitpid(pid, NULL, 0);
  sem_close(done);
  sem_unlink(NAME);
  return 0;
}
