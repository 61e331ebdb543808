// Clean twin of ticket_fcntl_gap.c: each child holds an fcntl write lock
// (F_SETLKW with F_WRLCK) on the file across its read-modify-write and
// releases it with F_UNLCK.
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
  struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET};
  fcntl(fd, F_SETLKW, &fl);
  read(fd, buf, sizeof buf - 1);
  int left = atoi(buf);
  lseek(fd, 0, SEEK_SET);
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
