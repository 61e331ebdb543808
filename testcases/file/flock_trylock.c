// Each seller tries flock(LOCK_EX | LOCK_NB) and sells only if it got the
// lock; a seller that finds the file locked gives up. Whether the second
// seller's try fails or succeeds (after the first unlocked) is a scheduling
// choice the explorer tries both ways; either way the file is touched under
// the lock only. Clean. Twin: flock_trylock_ignored.c.
//
// RUN: rm -rf %t.dir && mkdir %t.dir && cd %t.dir
// RUN: %tangle check %s --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json
//
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#define TICKETS "tickets.txt"

static void *sell(void *arg) {
  char buf[16] = {0};
  int fd = open(TICKETS, O_RDWR);
  if (flock(fd, LOCK_EX | LOCK_NB) == 0) {
    pread(fd, buf, sizeof buf - 1, 0);
    snprintf(buf, sizeof buf, "%d\n", atoi(buf) - 1);
    pwrite(fd, buf, strlen(buf), 0);
    flock(fd, LOCK_UN);
  } else if (errno != EWOULDBLOCK) {
    abort();
  }
  close(fd);
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
