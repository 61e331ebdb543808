// --reuse-process and thread attributes. A pooled thread has a stack of
// the default size, so it can run a thread whose attributes ask for the
// defaults but for the detach state, the guard's size and a smaller stack:
// one worker runs every execution. A stack of the program's own
// (-DOWN_STACK) a pooled thread cannot give: the first execution (the
// probe, run in a process of its own) asks for one, and so every
// execution runs in a process of its own, with the same executions and
// verdict.
//
// RUN: %tangle check %s --no-predict --no-lint --reuse-process --fibers --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json
// RUN: %tangle check %s --no-predict --no-lint --reuse-process --fibers --format json -- -DOWN_STACK > %t.own.json; test $? -eq 0
// RUN: FileCheck %s --check-prefix=OWN --input-file %t.own.json
//
// CHECK: "executions": 6,
// CHECK: "reuse": {
// CHECK-NEXT: "executions": 6,
// CHECK-NEXT: "fibers": 6,
// CHECK-NEXT: "workers": 1
// CHECK: "verdict": "clean"
//
// OWN: "executions": 6,
// OWN: "reuse": {
// OWN-NEXT: "declined": "a thread with attributes of its own (a stack of its own, a larger stack, or a scheduling attribute)",
// OWN-NEXT: "executions": 0,
// OWN-NEXT: "workers": 0
// OWN: "verdict": "clean"
#include <pthread.h>
#include <stdlib.h>

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
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_JOINABLE);
  pthread_attr_setguardsize(&attr, 2 * 4096);
#ifdef OWN_STACK
  static char stacks[2][1 << 20] __attribute__((aligned(4096)));
#else
  pthread_attr_setstacksize(&attr, 1 << 20);
#endif
  pthread_t t[2];
  for (int i = 0; i < 2; ++i) {
#ifdef OWN_STACK
    pthread_attr_setstack(&attr, stacks[i], sizeof stacks[i]);
#endif
    pthread_create(&t[i], &attr, worker, NULL);
  }
  pthread_attr_destroy(&attr);
  for (int i = 0; i < 2; ++i)
    pthread_join(t[i], NULL);
  return 0;
}
