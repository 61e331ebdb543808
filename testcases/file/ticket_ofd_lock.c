// Clean twin of ticket_fcntl_threads.c: open-file-description locks
// (F_OFD_SETLKW, Linux) belong to the open file description like flock, so
// two threads that each opened the file exclude each other.
//
// RUN: rm -rf %t.dir && mkdir %t.dir && cd %t.dir
// RUN: %tangle check %s --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json
//
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define TICKETS "tickets.txt"

static void set_lock(int fd, short type) {
  struct flock lock = {0};
  lock.l_type = type;
  lock.l_whence = SEEK_SET;
  fcntl(fd, F_OFD_SETLKW, &lock);
}

static void sell_one(void) {
  char buf[16] = {0};
  int fd = open(TICKETS, O_RDWR);
  set_lock(fd, F_WRLCK);
  read(fd, buf, sizeof buf - 1);
  int left = atoi(buf);
  snprintf(buf, sizeof buf, "%d\n", left - 1);
  lseek(fd, 0, SEEK_SET);
  write(fd, buf, strlen(buf));
  set_lock(fd, F_UNLCK);
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
