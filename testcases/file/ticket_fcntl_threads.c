// The ticket example "protected" by fcntl(F_SETLKW) record locks between two
// threads of one process. POSIX record locks (fcntl, lockf) belong to the
// process, not the thread: the second thread's F_SETLKW is granted at once
// while the first holds the lock, so the lock orders nothing and the update
// can still be lost. tangle follows POSIX and reports race.file, saying why.
// Fix: a pthread mutex (ticket_mutex.c), flock on a descriptor each thread
// opened (ticket_flock.c), or F_OFD_SETLKW (ticket_ofd_lock.c).
//
// RUN: rm -rf %t.dir && mkdir %t.dir && cd %t.dir
// RUN: %tangle check %s --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: %tangle check %s > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// RUN: %python %S/../Inputs/schedule.py %t.json race.file > %t.schedule
// RUN: %tangle replay --schedule "$(cat %t.schedule)" %s --format json > %t.replay.json; test $? -eq 1
// RUN: FileCheck %s --check-prefix=REPLAY --input-file %t.replay.json
//
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"race.file"
// CHECK-DAG: "object":{{ ?}}"fcntl lock on tickets.txt"
// REPLAY-DAG: "id":{{ ?}}"race.file"
// TEXT: error: file race on tickets.txt: {{.*}} holding fcntl lock on tickets.txt, while {{.*}} holding fcntl lock on tickets.txt, and nothing orders the two (both hold fcntl lock on tickets.txt, but fcntl/lockf locks belong to the process: its threads do not exclude each other); both threads read the file, then both wrote it: one update is lost [race.file]
// TEXT: note: fix: fcntl and lockf locks belong to the process, not the thread (POSIX)
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
  fcntl(fd, F_SETLKW, &lock);
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
