// --reuse-process and state that lives in the kernel, not in memory: a
// working directory, a timer, a raw system call. A rewind cannot put it
// back, so the next execution in the same worker would start from it:
// here each execution checks that it starts in the directory tangle
// started it in and then moves to /, which the next one would see. Such an
// execution runs to its end and ends its worker; every execution gets a
// worker set up the same way, and the assertion holds in all of them.
// -DTIMER arms (and disarms) an interval timer instead, -DRAW_SYSCALL
// makes a system call through syscall() that is not known to leave the
// kernel's state alone; -DHARMLESS only asks for the thread's id through
// syscall(): one worker runs every execution.
//
// RUN: %tangle check %s --no-lint --reuse-process --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json
// RUN: %tangle check %s --no-lint --reuse-process --format json -- -DTIMER > %t.timer.json; test $? -eq 0
// RUN: FileCheck %s --check-prefix=TIMER --input-file %t.timer.json
// RUN: %tangle check %s --no-lint --reuse-process --format json -- -DRAW_SYSCALL > %t.raw.json; test $? -eq 0
// RUN: FileCheck %s --check-prefix=RAW --input-file %t.raw.json
// RUN: %tangle check %s --no-lint --reuse-process --format json -- -DHARMLESS > %t.harmless.json; test $? -eq 0
// RUN: FileCheck %s --check-prefix=HARMLESS --input-file %t.harmless.json
//
// CHECK: "executions": 6,
// CHECK: "reuse": {
// CHECK-NEXT: "executions": 0,
// CHECK-NEXT: "single_use": 6,
// CHECK-NEXT: "single_use_by": "chdir, a working directory a rewind cannot put back",
// CHECK-NEXT: "workers": 6
// CHECK: "verdict": "clean"
//
// TIMER: "single_use": 6,
// TIMER-NEXT: "single_use_by": "setitimer, a timer a rewind cannot put back",
// TIMER: "verdict": "clean"
//
// RAW: "single_use": 6,
// RAW-NEXT: "single_use_by": "a system call through syscall(), whose effect a rewind may not put back",
// RAW: "verdict": "clean"
//
// HARMLESS: "reuse": {
// HARMLESS-NEXT: "executions": 6,
// HARMLESS-NEXT: "workers": 1
// HARMLESS: "verdict": "clean"
#include <assert.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <unistd.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int counter;

static void *worker(void *arg) {
  for (int i = 0; i < 2; ++i) {
    pthread_mutex_lock(&lock);
    ++counter;
    pthread_mutex_unlock(&lock);
  }
  return arg;
}

int main(void) {
  static char start[4096];
  assert(getcwd(start, sizeof start));
  // Where tangle starts every execution: never / (lit runs in a build dir).
  assert(strcmp(start, "/") != 0);
#if defined(TIMER)
  struct itimerval timer = {{0, 0}, {100, 0}}, off = {{0, 0}, {0, 0}};
  setitimer(ITIMER_REAL, &timer, NULL);
  setitimer(ITIMER_REAL, &off, NULL);
#elif defined(RAW_SYSCALL)
  syscall(SYS_umask, 022);
#elif defined(HARMLESS)
  assert(syscall(SYS_gettid) > 0);
#else
  assert(chdir("/") == 0);
#endif
  pthread_t t[2];
  for (int i = 0; i < 2; ++i)
    pthread_create(&t[i], NULL, worker, NULL);
  for (int i = 0; i < 2; ++i)
    pthread_join(t[i], NULL);
  assert(counter == 4);
  return 0;
}
