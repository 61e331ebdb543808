// Clean twin of ticket_fork.c: each child holds an exclusive flock on the
// file across its read-modify-write.
//
// RUN: %tangle-lint %s -- > %t.txt; test $? -eq 0
// RUN: test ! -s %t.txt
#include <fcntl.h>
#include <stdlib.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

static void sell_one(void) {
  char buf[16] = {0};
  int fd = open("tickets.txt", O_RDWR);
  flock(fd, LOCK_EX);
  read(fd, buf, sizeof buf - 1);
  int left = atoi(buf);
  lseek(fd, 0, SEEK_SET);
  dprintf(fd, "%d\n", left - 1);
  write(fd, "\n", 1);
  flock(fd, LOCK_UN);
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
