// tangle check --format sarif on the ticket program with processes: the
// race.file result carries two code flows, the interleaving and how one
// update is lost (both reads, then both writes: four steps over two thread
// flows), and lostUpdate in its properties. A clean program gives a valid
// run with no results.
//
// RUN: rm -rf %t.dir && mkdir -p %t.dir && cp %s %t.dir/tickets.c && cd %t.dir
// RUN: %tangle check tickets.c --no-lint --format sarif > %t.sarif; test $? -eq 1
// RUN: %python %S/Inputs/check_sarif.py %t.sarif %srcroot/docs/findings.md 1 | FileCheck %s --check-prefix=VALID
// RUN: FileCheck %s --input-file %t.sarif
// RUN: %tangle check tickets.c --format sarif -- -DLOCK_FLOCK > %t.clean.sarif; test $? -eq 0
// RUN: %python %S/Inputs/check_sarif.py %t.clean.sarif %srcroot/docs/findings.md 0 | FileCheck %s --check-prefix=CLEAN
//
// VALID: OK 1 results, 2 code flows
// CLEAN: OK 0 results, 0 code flows
// CHECK: "text": "how one update is lost: both reads, then both writes"
// CHECK: "executionOrder": 1,
// CHECK-NEXT: "location": {
// CHECK-NEXT: "message": {
// CHECK-NEXT: "text": "process {{[12]}} (forked by main thread) reads tickets.txt"
// CHECK: "executionOrder": 3,
// CHECK-NEXT: "location": {
// CHECK-NEXT: "message": {
// CHECK-NEXT: "text": "process {{[12]}} (forked by main thread) writes tickets.txt"
// CHECK: "lostUpdate": true,
// CHECK: "ruleId": "race.file"
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

static void sell_one(void) {
  char buf[16] = {0};
  int fd = open("tickets.txt", O_RDWR);
#ifdef LOCK_FLOCK
  flock(fd, LOCK_EX);
#endif
  read(fd, buf, sizeof buf - 1);
  snprintf(buf, sizeof buf, "%d\n", atoi(buf) - 1);
  lseek(fd, 0, SEEK_SET);
  write(fd, buf, strlen(buf));
  close(fd);
}

int main(void) {
  int fd = open("tickets.txt", O_CREAT | O_TRUNC | O_WRONLY, 0644);
  write(fd, "10\n", 3);
  close(fd);
  pid_t sellers[2];
  for (int i = 0; i < 2; ++i)
    if ((sellers[i] = fork()) == 0) {
      sell_one();
      _exit(0);
    }
  for (int i = 0; i < 2; ++i)
    waitpid(sellers[i], NULL, 0);
  return 0;
}
