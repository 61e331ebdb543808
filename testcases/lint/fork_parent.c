// The parent keeps writing the count file after fork() until it waits for
// the child; the child (a `switch` on fork's result) reads the count and
// writes it back: the parent's write can be lost. The parent's write after
// waitpid() is ordered and not reported. (Writes only, as to a log, lose
// nothing: log_only.c.)
//
// RUN: %tangle-lint %s -- > %t.txt; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt --implicit-check-not=warning:
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

static FILE *log_file;

int main(void) {
  log_file = fopen("run.count", "a+");
  pid_t child = fork();
  switch (child) {
  case -1:
    return 1;
  case 0: {
    int n = 0;
    // CHECK: :[[@LINE+3]]:5: warning: file 'run.count' is read and written back in child process and written in main thread with no lock held by both across the update; concurrent updates can be lost [tangle-shared-file-unlocked]
    // CHECK: :[[@LINE+1]]:5: note: the value written back is read here
    fscanf(log_file, "%d", &n);
    fprintf(log_file, "%d\n", n + 1);
    exit(0);
  }
  default:
    break;
  }
  // CHECK: :[[@LINE+1]]:3: note: file 'run.count' is written here in main thread
  fprintf(log_file, "0\n");
  waitpid(child, NULL, 0);
  fprintf(log_file, "1\n");
  return 0;
}
