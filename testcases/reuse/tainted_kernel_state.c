// --reuse-process and state that lives in the kernel, not in memory: a
// working directory, a timer, a raw system call. A rewind cannot put it
// back, so the next execution in the same worker would start from it:
// here main moves to / when thread 2 took the lock first (not in the first
// execution), and every execution checks that it starts in the directory
// tangle started it in. Such an execution runs to its end and ends its
// worker; the next gets a new worker, set up the same way, and the
// assertion holds in all of them. -DTIMER arms (and disarms) an interval
// timer instead, -DRAW_SYSCALL makes a system call through syscall() that
// is not known to leave the kernel's state alone; -DHARMLESS only asks for
// the thread's id through syscall(): one worker runs every execution.
//
// RUN: %tangle check %s --no-predict --no-lint --reuse-process --fibers --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json
// RUN: %tangle check %s --no-predict --no-lint --reuse-process --fibers --format json -- -DTIMER > %t.timer.json; test $? -eq 0
// RUN: FileCheck %s --check-prefix=TIMER --input-file %t.timer.json
// RUN: %tangle check %s --no-predict --no-lint --reuse-process --fibers --format json -- -DRAW_SYSCALL > %t.raw.json; test $? -eq 0
// RUN: FileCheck %s --check-prefix=RAW --input-file %t.raw.json
// RUN: %tangle check %s --no-predict --no-lint --reuse-process --fibers --format json -- -DHARMLESS > %t.harmless.json; test $? -eq 0
// RUN: FileCheck %s --check-prefix=HARMLESS --input-file %t.harmless.json
//
// CHECK: "executions": 6,
// CHECK: "reuse": {
// CHECK-NEXT: "executions": 3,
// CHECK-NEXT: "fibers": 3,
// CHECK-NEXT: "single_use": 3,
// CHECK-NEXT: "single_use_by": "chdir, a working directory a rewind cannot put back",
// CHECK-NEXT: "workers": 3
// CHECK: "verdict": "clean"
//
// TIMER: "single_use": 3,
// TIMER-NEXT: "single_use_by": "setitimer, a timer a rewind cannot put back",
// TIMER: "verdict": "clean"
//
// RAW: "single_use": 3,
// RAW-NEXT: "single_use_by": "a system call through syscall(), whose effect a rewind may not put back",
// RAW: "verdict": "clean"
//
// HARMLESS: "reuse": {
// HARMLESS-NEXT: "executions": 6,
// HARMLESS-NEXT: "fibers": 6,
// HARMLESS-NEXT: "workers": 1
// HARMLESS: "verdict": "clean"
#include <assert.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <unistd.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int counter;
static intptr_t first;

static void *worker(void *arg) {
  for (int i = 0; i < 2; ++i) {
    pthread_mutex_lock(&lock);
    if (!first)
      first = (intptr_t)arg;
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
  pthread_t t[2];
  for (intptr_t i = 0; i < 2; ++i)
    pthread_create(&t[i], NULL, worker, (void *)(i + 1));
  for (int i = 0; i < 2; ++i)
    pthread_join(t[i], NULL);
  assert(counter == 4);
  if (first == 2) {
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
  }
  return 0;
}
