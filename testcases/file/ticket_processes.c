// The course's ticket example with processes: two forked sellers each read
// the count from the file, take one and write it back, with no lock; the
// parent waits for both. The children's file operations are unordered: a
// race.file, and one sale can be lost.
// Fix: ticket_processes_flock.c (each child flocks its own descriptor),
// ticket_processes_sem.c (a process-shared semaphore around the update).
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
// CHECK-DAG: "object":{{ ?}}"tickets.txt"
// CHECK-DAG: "lost_update":{{ ?}}true
// REPLAY-DAG: "id":{{ ?}}"race.file"
// TEXT: error: file race on tickets.txt: process {{[12]}} (forked by main thread) {{writes|reads}} it at {{.*}}ticket_processes.c:{{[0-9]+}}{{.*}}while process {{[12]}} (forked by main thread) {{writes|reads}} it{{.*}}both processes read the file, then both wrote it: one update is lost [race.file]
// The witness shows the loss: both reads, then both writes; the hint is
// for processes (flock, a process-shared semaphore or mutex, waitpid), not
// for threads.
// TEXT: note: how one update is lost: nothing orders these operations, so they can also run in this order, and the second write overwrites the first:
// TEXT-NEXT: process [[FIRST:[12]]] (forked by main thread) reads tickets.txt
// TEXT-NEXT: process [[SECOND:[12]]] (forked by main thread) reads tickets.txt
// TEXT-NEXT: process [[FIRST]] (forked by main thread) writes tickets.txt
// TEXT-NEXT: process [[SECOND]] (forked by main thread) writes tickets.txt
// TEXT-NEXT: note: fix: Make the whole read-modify-write of tickets.txt one critical section across the processes: flock(fd, LOCK_EX) {{.*}} process-shared semaphore {{.*}} waitpid() for one child before the next one starts.
// CHECK-DAG: "lost_update_order": [
#include <fcntl.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define TICKETS "tickets.txt"

static sem_t *lock; // LOCK_SEM: process-shared, in a shared mapping

static void sell_one(void) {
  char buf[16] = {0};
  int fd = open(TICKETS, O_RDWR);
#ifdef LOCK_FLOCK
  flock(fd, LOCK_EX);
#endif
#ifdef LOCK_SEM
  sem_wait(lock);
#endif
  read(fd, buf, sizeof buf - 1);
  int left = atoi(buf);
  snprintf(buf, sizeof buf, "%d\n", left - 1);
  lseek(fd, 0, SEEK_SET);
  write(fd, buf, strlen(buf));
#ifdef LOCK_SEM
  sem_post(lock);
#endif
  close(fd); // releases the flock
}

int main(void) {
  int fd = open(TICKETS, O_CREAT | O_TRUNC | O_WRONLY, 0644);
  write(fd, "10\n", 3);
  close(fd);
  lock = mmap(NULL, sizeof(sem_t), PROT_READ | PROT_WRITE,
              MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  sem_init(lock, 1, 1);
  pid_t sellers[2];
  for (int i = 0; i < 2; ++i) {
    sellers[i] = fork();
    if (sellers[i] == 0) {
      sell_one();
      _exit(0);
    }
  }
  for (int i = 0; i < 2; ++i)
    waitpid(sellers[i], NULL, 0);
  return 0;
}
