// The parent keeps writing the log after fork() until it waits for the
// child; the child (a `switch` on fork's result) writes the same log. The
// parent's write after waitpid() is ordered and not reported.
//
// RUN: %tangle-lint %s -- > %t.txt; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt --implicit-check-not=warning:
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

static FILE *log_file;

int main(void) {
  log_file = fopen("run.log", "a");
  pid_t child = fork();
  switch (child) {
  case -1:
    return 1;
  case 0:
    // CHECK: :[[@LINE+1]]:5: warning: file 'run.log' is written in child process and written in main thread with no lock held by both across the update; concurrent updates can be lost [tangle-shared-file-unlocked]
    fprintf(log_file, "child\n");
    exit(0);
  default:
    break;
  }
  // CHECK: :[[@LINE+1]]:3: note: file 'run.log' is written here in main thread
  fprintf(log_file, "parent\n");
  waitpid(child, NULL, 0);
  fprintf(log_file, "done\n");
  return 0;
}
