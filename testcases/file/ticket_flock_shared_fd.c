// The ticket example with flock on ONE descriptor that main opened and both
// sellers use. flock locks belong to the open file description, and both
// threads share it: the second LOCK_EX is granted at once (it converts the
// description's own lock), so the flock excludes nothing and the update can
// be lost. race.file. Fix: each thread opens the file itself
// (ticket_flock.c).
//
// RUN: rm -rf %t.dir && mkdir %t.dir && cd %t.dir
// RUN: %tangle check %s --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: %python %S/../Inputs/schedule.py %t.json race.file > %t.schedule
// RUN: %tangle replay --schedule "$(cat %t.schedule)" %s --format json > %t.replay.json; test $? -eq 1
// RUN: FileCheck %s --check-prefix=REPLAY --input-file %t.replay.json
//
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"race.file"
// CHECK-DAG: "lost_update":{{ ?}}true
// REPLAY-DAG: "id":{{ ?}}"race.file"
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#define TICKETS "tickets.txt"

int fd;

static void *sell(void *arg) {
  char buf[16] = {0};
  flock(fd, LOCK_EX);
  pread(fd, buf, sizeof buf - 1, 0);
  int left = atoi(buf);
  snprintf(buf, sizeof buf, "%d\n", left - 1);
  pwrite(fd, buf, strlen(buf), 0);
  flock(fd, LOCK_UN);
  return NULL;
}

int main(void) {
  fd = open(TICKETS, O_CREAT | O_TRUNC | O_RDWR, 0644);
  write(fd, "10\n", 3);
  pthread_t t1, t2;
  pthread_create(&t1, NULL, sell, NULL);
  pthread_create(&t2, NULL, sell, NULL);
  pthread_join(t1, NULL);
  pthread_join(t2, NULL);
  close(fd);
  return 0;
}
