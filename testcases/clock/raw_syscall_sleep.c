// A sleep made through syscall() (SYS_nanosleep, or SYS_clock_nanosleep with
// -DCLOCK): under tangle check a sleep is a yield that moves the thread's
// virtual clock by its length, as nanosleep() is (docs/runtime.md, "The
// virtual clock"). Before, the raw system call slept for real: an hour here,
// so the execution ran into its timeout and the check ended incomplete.
// The join carries the worker's time to main: main sees the hour pass.
//
// RUN: %tangle check %s --show-output > %t.txt 2>&1; test $? -eq 0
// RUN: FileCheck %s --input-file %t.txt
// RUN: %tangle check %s --show-output -- -DCLOCK > %t.clock 2>&1; test $? -eq 0
// RUN: FileCheck %s --input-file %t.clock
// CHECK: slept 3600 s
// CHECK: tangle: clean: {{.*}}every interleaving explored
#include <pthread.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static void *worker(void *arg) {
  struct timespec hour = {3600, 0};
#ifdef CLOCK
  syscall(SYS_clock_nanosleep, CLOCK_MONOTONIC, 0, &hour, 0);
#else
  syscall(SYS_nanosleep, &hour, 0);
#endif
  return arg;
}

int main(void) {
  struct timespec before, after;
  clock_gettime(CLOCK_MONOTONIC, &before);
  pthread_t t;
  pthread_create(&t, 0, worker, 0);
  pthread_join(t, 0);
  clock_gettime(CLOCK_MONOTONIC, &after);
  printf("slept %ld s\n", (long)(after.tv_sec - before.tv_sec));
  return 0;
}
