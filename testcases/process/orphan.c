// An orphan: the parent forks a worker and returns from main at once. In
// some interleavings the worker is still running when its parent ends: it
// is adopted by init and nobody learns how it ended (in others it has
// already exited, a zombie until the parent ends). Fix: fork_wait.c.
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: %tangle check %s > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// RUN: %python %S/../Inputs/schedule.py %t.json lifecycle.orphan > %t.schedule
// RUN: %tangle replay --schedule "$(cat %t.schedule)" %s --format json > %t.replay.json; test $? -eq 1
// RUN: FileCheck %s --check-prefix=REPLAY --input-file %t.replay.json
//
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"lifecycle.orphan"
// CHECK-DAG: "id":{{ ?}}"lifecycle.zombie"
// CHECK-DAG: "complete":{{ ?}}true
// REPLAY: "id":{{ ?}}"lifecycle.orphan"
// TEXT: orphan.c:[[@LINE+7]]:{{[0-9]+}}: error: process 1 (forked by main thread) is still running when the process of main thread (its parent) ends{{.*}}[lifecycle.orphan]
// TEXT: note: fix: Make the parent waitpid() for each child
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(void) {
  if (fork() == 0) {
    sleep(1); // the worker's long job
    exit(0);
  }
  return 0; // the parent does not wait
}
