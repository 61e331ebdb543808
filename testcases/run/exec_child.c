// A parent that runs another program and waits for it: fork and exec (or
// -DSPAWN, posix_spawn) of this same binary with an argument, whose copy
// computes for 1.5 s (-DSLEEP: sleeps), then waitpid. The exec'd program
// runs unrecorded (the runtime passes it through), so the watchdog sees
// no thread of it. Before, with --hang-after 0.5 (3 s by default: a
// test runner, a build driver, any program whose child runs longer), it
// reported "deadlock.stall: main thread waits for child process N ...
// the child has not exited and will not" and killed both. Now no stall
// or loop is claimed while the program's process group has live tasks
// the region does not list (cli/record_watch.cpp, unlistedThreadsAlive);
// the run ends with the child's status passed on by the parent.
//
// RUN: %clang -g -O0 -fno-omit-frame-pointer -pthread %s -o %t.bin
// RUN: %tangle run --no-predict --hang-after 0.5 -- %t.bin > %t.txt 2>&1
// RUN: FileCheck %s --input-file %t.txt
// RUN: %clang -g -O0 -fno-omit-frame-pointer -pthread -DSLEEP %s -o %t.sleep
// RUN: %tangle run --no-predict --hang-after 0.5 -- %t.sleep > %t.sleep.txt 2>&1
// RUN: FileCheck %s --input-file %t.sleep.txt
// RUN: %clang -g -O0 -fno-omit-frame-pointer -pthread -DSPAWN %s -o %t.spawn
// RUN: %tangle run --no-predict --hang-after 0.5 -- %t.spawn > %t.spawn.txt 2>&1
// RUN: FileCheck %s --input-file %t.spawn.txt
//
// CHECK-NOT: deadlock
// CHECK-NOT: program.hang
// CHECK: tangle: no hang in this run: the program exited with status 7
#include <spawn.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static double seconds(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
  if (argc > 1 && strcmp(argv[1], "child") == 0) {
#ifdef SLEEP
    struct timespec pause = {1, 500000000};
    nanosleep(&pause, 0);
#else
    volatile long sum = 0;
    double start = seconds();
    while (seconds() - start < 1.5)
      ++sum;
#endif
    return 7;
  }
  char *args[] = {argv[0], "child", 0};
  pid_t child;
#ifdef SPAWN
  if (posix_spawn(&child, "/proc/self/exe", 0, 0, args, environ) != 0)
    return 1;
#else
  child = fork();
  if (child == 0) {
    execv("/proc/self/exe", args);
    _exit(127);
  }
#endif
  int status = 0;
  waitpid(child, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}
