// The course's ticket example with threads: each seller reads the count of
// tickets left from a file, takes one, and writes the count back, with no
// lock. Two sellers can read the same count and one sale is lost. Nothing
// orders the two threads' file operations, so the race is found in the very
// first (default) schedule, where no update is actually lost yet.
// Fix: ticket_mutex.c, ticket_flock.c.
//
// RUN: rm -rf %t.dir && mkdir %t.dir && cd %t.dir
// RUN: %tangle check %s --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: %tangle check %s --max-executions 1 --format json > %t.one.json; test $? -eq 1
// RUN: FileCheck %s --check-prefix=ONE --input-file %t.one.json
// RUN: %tangle check %s > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// RUN: %python %S/../Inputs/schedule.py %t.json race.file > %t.schedule
// RUN: %tangle replay --schedule "$(cat %t.schedule)" %s --format json > %t.replay.json; test $? -eq 1
// RUN: FileCheck %s --check-prefix=REPLAY --input-file %t.replay.json
// A binary tangle did not compile: no memory hooks, but the file operations
// are intercepted, so the file race is still found.
// RUN: %clang -g -O0 -fno-omit-frame-pointer -pthread %s -o %t.bin
// RUN: %tangle check --format json -- %t.bin > %t.bin.json; test $? -eq 1
// RUN: FileCheck %s --check-prefix=BIN --input-file %t.bin.json
//
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"race.file"
// CHECK-DAG: "object":{{ ?}}"tickets.txt"
// CHECK-DAG: "lost_update":{{ ?}}true
// CHECK-NOT: "race.data"
// ONE-DAG: "id":{{ ?}}"race.file"
// BIN-DAG: "id":{{ ?}}"race.file"
// BIN-DAG: "races_checked":{{ ?}}false
// REPLAY-DAG: "verdict":{{ ?}}"bugs"
// REPLAY-DAG: "id":{{ ?}}"race.file"
// TEXT: error: file race on tickets.txt: thread {{[12]}} (sell) {{writes|reads}} it at {{.*}}ticket_threads.c:{{[0-9]+}} holding no lock, while thread {{[12]}} (sell) {{writes|reads}} it at {{.*}}ticket_threads.c:{{[0-9]+}} holding no lock, and nothing orders the two; both threads read the file, then both wrote it: one update is lost [race.file]
// TEXT: note: thread {{[12]}} (sell) {{writes|reads}} tickets.txt here
// TEXT: note: called from here
// TEXT: note: the interleaving
// TEXT: thread {{[12]}} (sell) reads tickets.txt {{.*}}ticket_threads.c:[[#READ:]]
// TEXT: thread {{[12]}} (sell) writes tickets.txt {{.*}}ticket_threads.c:[[#READ+4]]
// TEXT: note: fix: Make the whole read-modify-write of tickets.txt one critical section: {{.*}}mutex{{.*}}flock
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
  read(fd, buf, sizeof buf - 1);
  int left = atoi(buf);
  snprintf(buf, sizeof buf, "%d\n", left - 1);
  lseek(fd, 0, SEEK_SET);
  write(fd, buf, strlen(buf));
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
