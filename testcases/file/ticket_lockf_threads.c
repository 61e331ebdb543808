// The ticket example with lockf(F_LOCK) between two threads: lockf locks are
// POSIX record locks, owned by the process like fcntl's, so they do not
// exclude the process's threads: race.file, and the report says why.
//
// RUN: rm -rf %t.dir && mkdir %t.dir && cd %t.dir
// RUN: %tangle check %s > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt
//
// CHECK: error: file race on tickets.txt: {{.*}}(both hold fcntl lock on tickets.txt, but fcntl/lockf locks belong to the process: its threads do not exclude each other){{.*}}[race.file]
// CHECK: lockf(F_LOCK)
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define TICKETS "tickets.txt"

static void sell_one(void) {
  char buf[16] = {0};
  int fd = open(TICKETS, O_RDWR);
  lockf(fd, F_LOCK, 0);
  read(fd, buf, sizeof buf - 1);
  int left = atoi(buf);
  snprintf(buf, sizeof buf, "%d\n", left - 1);
  lseek(fd, 0, SEEK_SET);
  write(fd, buf, strlen(buf));
  lockf(fd, F_ULOCK, 0);
  close(fd);
}
static void *sell(void *arg) {
  sell_one();
  return NULL;
}

int main(void) {
  int fd = open(TICKETS, O_CREAT | O_TRUNC | O_WRONLY, 0644);
  write(fd, "10\n", 3);
  close(fd);
  pthread_t t1, t2;
  pthread_create(&t1, NULL, sell, NULL);
  pthread_create(&t2, NULL, sell, NULL);
  pthread_join(t1, NULL);
  pthread_join(t2, NULL);
  return 0;
}
