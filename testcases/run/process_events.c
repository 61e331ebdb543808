// tangle run records kill, posix_spawn and system: the trace has a kill
// event (the pid and signal, stamped before the signal is sent), a spawn
// event for posix_spawn (the child's pid) and one for system (after its
// shell was reaped), around the fork and waits already recorded. None of
// them makes the run say it did not watch something. The twin is the
// same program under a run without --trace: no hang, nothing unwatched.
//
// RUN: %clang -g -O0 -fno-omit-frame-pointer -pthread %s -o %t.bin
// RUN: %tangle run --trace %t.trace -- %t.bin > %t.txt 2>&1
// RUN: FileCheck %s --check-prefix=PLAIN --input-file %t.txt
// RUN: %tangle trace-dump %t.trace > %t.dump
// RUN: FileCheck %s --input-file %t.dump
// RUN: %tangle run -- %t.bin > %t.plain.txt 2>&1
// RUN: FileCheck %s --check-prefix=PLAIN --input-file %t.plain.txt
//
// PLAIN-NOT: did not watch
// PLAIN: tangle: no hang in this run: the program exited with status 0
//
// CHECK-NOT: not watched
// CHECK: thread 0: {{[0-9]+}} events
// CHECK: fork {{.*}}process_events.c:36
// CHECK-NEXT: kill {{.*}}-> 0 {{.*}}process_events.c:41
// CHECK-NEXT: wait {{.*}}process_events.c:42
// CHECK-NEXT: spawn {{.*}}-> 0 {{.*}}process_events.c:45
// CHECK-NEXT: wait {{.*}}process_events.c:47
// CHECK-NEXT: spawn {{.*}}-> 0 {{.*}}process_events.c:48
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

int main(void) {
  pid_t child = fork();
  if (child == 0) {
    pause();
    _exit(0);
  }
  kill(child, SIGTERM);
  waitpid(child, 0, 0);
  char *argv[] = {"true", 0};
  pid_t spawned;
  if (posix_spawnp(&spawned, "true", 0, 0, argv, environ) != 0)
    return 1;
  waitpid(spawned, 0, 0);
  if (system("true") != 0)
    return 1;
  return 0;
}
