// A semaphore meant to make the parent wait for its child, declared as a
// global: fork gives the child its own copy, so the child posts its copy
// and the parent waits on its own forever, even with pshared = 1. A
// semaphore shared by processes must live in shared memory.
// Fix: sem_shared_memory.c (the semaphore in a MAP_SHARED mapping).
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
// REPLAY: "id":{{ ?}}"deadlock.stall"
#include <semaphore.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#ifdef SHARED
sem_t *done_ptr;
#define done (*done_ptr)
#else
sem_t done;
#endif

int main(void) {
#ifdef SHARED
  done_ptr = mmap(NULL, sizeof(sem_t), PROT_READ | PROT_WRITE,
                  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
#endif
  sem_init(&done, 1, 0);
  pid_t pid = fork();
  if (pid == 0) {
    sem_post(&done); // the child's work is done
    return 0;
  }
  // TEXT: sem_not_shared.c:[[@LINE+1]]:{{[0-9]+}}: error: deadlock: every live thread is blocked: main thread waits on semaphore done in main{{.*}}[deadlock.stall]
  sem_wait(&done);
  // TEXT: process 1 (forked by main thread){{ +}}sem_post{{ +}}done (process 1's copy)
  // TEXT: note: fix: After fork each process has its own copy of globals
  waitpid(pid, NULL, 0);
  return 0;
}
