// fcntl record locks around the read and around the write, but released in
// between (F_UNLCK): another child can update the file in the gap. Clean
// twin: ticket_fcntl.c.
//
// RUN: %tangle-lint %s -- > %t.txt; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt --implicit-check-not=warning:
#include <fcntl.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

static void sell_one(void) {
  char buf[16] = {0};
  struct flock fl;
  int fd = open("tickets.txt", O_RDWR);
  fl.l_type = F_RDLCK;
  fl.l_whence = SEEK_SET;
  fl.l_start = fl.l_len = 0;
  fcntl(fd, F_SETLKW, &fl);
  read(fd, buf, sizeof buf - 1);
  fl.l_type = F_UNLCK;
  fcntl(fd, F_SETLK, &fl);
  int left = atoi(buf);
  lseek(fd, 0, SEEK_SET);
  fl.l_type = F_WRLCK;
  fcntl(fd, F_SETLKW, &fl);
  // CHECK: :[[@LINE+1]]:3: warning: file 'tickets.txt' is read and written back in child process and written in another instance of child process with no lock held by both across the update; concurrent updates can be lost [tangle-shared-file-unlocked]
  dprintf(fd, "%d\n", left - 1);
  fl.l_type = F_UNLCK;
  fcntl(fd, F_SETLK, &fl);
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
