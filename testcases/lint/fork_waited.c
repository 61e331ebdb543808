// Clean twin of fork_parent.c: the parent waits for the child (`if (fork()
// == 0)` form) before it touches the file.
//
// RUN: %tangle-lint %s -- > %t.txt; test $? -eq 0
// RUN: test ! -s %t.txt
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#define LOG "run.log"

int main(void) {
  if (fork() == 0) {
    FILE *f = fopen(LOG, "a");
    fprintf(f, "child\n");
    fclose(f);
    _exit(0);
  }
  wait(NULL);
  FILE *f = fopen(LOG, "a");
  fprintf(f, "parent\n");
  fclose(f);
  return 0;
}
