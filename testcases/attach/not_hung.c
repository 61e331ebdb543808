// tangle attach on a process that is not hung: two threads compute, one
// sleeps between looks, main joins them. tangle says which threads are not
// blocked and what they do, in one line, and exits 5 (not 0: it found no
// proof of anything, and not 1: no finding); the process runs on. The twin
// is abba.c, where every thread is blocked.
//
// REQUIRES: ptrace
// RUN: %clang -g -O0 -pthread %s -o %t.bin
// RUN: %python %S/../Inputs/attach.py --threads 4 --output %t.txt --program %t.bin -- %tangle attach {pid}
// RUN: FileCheck %s --input-file %t.txt
//
// CHECK: tangle: not hung: process [[#]]: threads 1, 2 (tids [[#]], [[#]]) are running; thread 3 (tid [[#]]) sleeps in clock_nanosleep, which ends by itself
// CHECK-NEXT: attach exit code: 5
// CHECK-NEXT: process after attach: alive, 4 threads
#include <pthread.h>
#include <unistd.h>

volatile unsigned long work;

void *compute(void *arg) {
  for (;;)
    work = work * 31 + 7;
  return 0;
}

void *poll_status(void *arg) {
  for (;;)
    usleep(1000 * 1000);
  return 0;
}

int main(void) {
  pthread_t t1, t2, t3;
  pthread_create(&t1, 0, compute, 0);
  pthread_create(&t2, 0, compute, 0);
  pthread_create(&t3, 0, poll_status, 0);
  pthread_join(t1, 0);
  return 0;
}
