// One story for processes: three forked sellers each read the ticket count
// from a file and write it back with no lock. The exploration's race.file
// between two of the processes confirms the static
// tangle-shared-file-unlocked, which is a note under it, not a second
// warning that says the exploration does not check this. The witness shows
// the lost update (both reads, then both writes) and the hint speaks of
// processes: flock, a process-shared semaphore or mutex, waitpid.
//
// RUN: rm -rf %t.dir && mkdir -p %t.dir && cd %t.dir
// RUN: %tangle check %s > %t.txt; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt
// RUN: %tangle check %s --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --check-prefix=JSON --input-file %t.json
//
// CHECK: error: file race on tickets.txt: process {{[123]}} {{.*}}; both processes read the file, then both wrote it: one update is lost [race.file] (dynamic)
// CHECK: note: how one update is lost: nothing orders these operations, so they can also run in this order, and the second write overwrites the first:
// CHECK-NEXT: process [[FIRST:[123]]] {{.*}} reads tickets.txt {{.*}}check_static_ticket_processes.c:39
// CHECK-NEXT: process [[SECOND:[123]]] {{.*}} reads tickets.txt {{.*}}check_static_ticket_processes.c:39
// CHECK-NEXT: process [[FIRST]] {{.*}} writes tickets.txt {{.*}}check_static_ticket_processes.c:4{{[23]}}
// CHECK-NEXT: process [[SECOND]] {{.*}} writes tickets.txt {{.*}}check_static_ticket_processes.c:4{{[23]}}
// CHECK-NEXT: check_static_ticket_processes.c:42:3: note: the static checks warn of this too: file 'tickets.txt' is read and written back in child process {{.*}} [tangle-shared-file-unlocked]
// CHECK-NEXT: note: fix: Make the whole read-modify-write of tickets.txt one critical section across the processes: flock(fd, LOCK_EX) {{.*}} process-shared semaphore {{.*}} waitpid() {{.*}}
// CHECK-NOT: warning:
// CHECK-NOT: static checks only
// CHECK: tangle: bugs: 1 finding in {{.*}}; static checks: 1 finding
// JSON-DAG: "lost_update": true
// JSON-DAG: "lost_update_order": [
// JSON-DAG: "confirmation": "confirmed"
// JSON-DAG: "confirmed_by": "race.file"
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

static void sell_one(void) {
  char buf[16] = {0};
  int fd = open("tickets.txt", O_RDWR);
  read(fd, buf, sizeof buf - 1);
  int left = atoi(buf);
  lseek(fd, 0, SEEK_SET);
  dprintf(fd, "%d\n", left - 1);
  write(fd, "\n", 1);
  close(fd);
}

int main(void) {
  int fd = open("tickets.txt", O_CREAT | O_TRUNC | O_WRONLY, 0644);
  write(fd, "10\n", 3);
  close(fd);
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
