// lockf(F_LOCK) guards only the read; the write-back happens after
// F_ULOCK, so two children can write back the same count. Clean twin:
// ticket_lockf.c.
//
// RUN: %tangle-lint %s -- > %t.txt; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt --implicit-check-not=warning:
#include <fcntl.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

static void sell_one(void) {
  char buf[16] = {0};
  int fd = open("tickets.txt", O_RDWR);
  lockf(fd, F_LOCK, 0);
  read(fd, buf, sizeof buf - 1);
  lockf(fd, F_ULOCK, 0);
  int left = atoi(buf);
  lseek(fd, 0, SEEK_SET);
  // CHECK: :[[@LINE+1]]:3: warning: file 'tickets.txt' is read and written back in child process and written in another instance of child process with no lock held by both across the update; concurrent updates can be lost [tangle-shared-file-unlocked]
  dprintf(fd, "%d\n", left - 1);
  close(fd);
}

int main(void) {
  for (int i = 0; i < 3; i++) {
    pid_t pid = fork();
    if (pid == 0) {
      sell_one();
      exit(0);
    }
  }
  while (wait(NULL) > 0)
    ;
  return 0;
}
