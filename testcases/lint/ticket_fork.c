// The ticket example with processes: each forked child reads the count and
// writes it back. Processes share the file, not memory, and nothing orders
// their updates.
//
// RUN: %tangle-lint %s -- > %t.txt; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt --implicit-check-not=warning:
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

static void sell_one(void) {
  char buf[16] = {0};
  int fd = open("tickets.txt", O_RDWR);
  read(fd, buf, sizeof buf - 1);
  int left = atoi(buf);
  lseek(fd, 0, SEEK_SET);
  // CHECK: :[[@LINE+1]]:3: warning: file 'tickets.txt' is read and written back in child process and written in another instance of child process with no lock held by both across the update; concurrent updates can be lost [tangle-shared-file-unlocked]
  dprintf(fd, "%d\n", left - 1);
  write(fd, "\n", 1);
  close(fd);
}

int main(void) {
  for (int i = 0; i < 3; i++) {
    // CHECK: :[[@LINE+1]]:17: note: child process is started here, more than once
    pid_t pid = fork();
    if (pid == 0) {
      // CHECK: :[[@LINE+1]]:7: note: in child process, through this call
      sell_one();
      exit(0);
    }
  }
  while (wait(NULL) > 0)
    ;
  return 0;
}
