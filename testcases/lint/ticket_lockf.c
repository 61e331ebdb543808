// Clean twin of ticket_lockf_read_only.c: each child holds lockf(F_LOCK)
// on the file across its read-modify-write.
//
// RUN: %tangle-lint %s -- > %t.txt; test $? -eq 0
// RUN: test ! -s %t.txt
#include <fcntl.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

static void sell_one(void) {
  char buf[16] = {0};
  int fd = open("tickets.txt", O_RDWR);
  lockf(fd, F_LOCK, 0);
  read(fd, buf, sizeof buf - 1);
  int left = atoi(buf);
  lseek(fd, 0, SEEK_SET);
  dprintf(fd, "%d\n", left - 1);
  lseek(fd, 0, SEEK_SET);
  lockf(fd, F_ULOCK, 0);
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
