// Twin of flock_trylock.c that ignores the result of LOCK_NB: when the other
// seller holds the lock, the try fails and this seller updates the file
// anyway. Only the interleaving where the second try comes while the first
// seller holds the lock shows the race (in the default schedule the first
// seller has unlocked already), so it takes the explorer to find it.
//
// RUN: rm -rf %t.dir && mkdir %t.dir && cd %t.dir
// RUN: %tangle check %s --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: %tangle check %s --max-executions 1 --format json > %t.one.json; test $? -eq 3
// RUN: FileCheck %s --check-prefix=ONE --input-file %t.one.json
// RUN: %python %S/../Inputs/schedule.py %t.json race.file > %t.schedule
// RUN: %tangle replay --schedule "$(cat %t.schedule)" %s --format json > %t.replay.json; test $? -eq 1
// RUN: FileCheck %s --check-prefix=REPLAY --input-file %t.replay.json
//
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"race.file"
// ONE-DAG: "verdict":{{ ?}}"incomplete"
// REPLAY-DAG: "id":{{ ?}}"race.file"
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
  flock(fd, LOCK_EX | LOCK_NB); // the result is ignored
  pread(fd, buf, sizeof buf - 1, 0);
  snprintf(buf, sizeof buf, "%d\n", atoi(buf) - 1);
  pwrite(fd, buf, strlen(buf), 0);
  flock(fd, LOCK_UN);
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
