// A thread cancelled while it runs a pthread_once routine (at the sleep, a
// cancellation point): glibc leaves the once not done, so main's own
// pthread_once afterwards runs the routine again, and `runs` counts each
// start. Correct: clean. tangle used to leave the once running for ever
// once the cancelled thread had gone, and main waited for a routine nobody
// ran any more (a false deadlock.stall).
//
// RUN: %tangle check %s > %t.txt 2>&1; test $? -eq 0
// RUN: FileCheck %s --input-file %t.txt
// CHECK-NOT: deadlock.stall
// CHECK: tangle: clean: {{.*}}every interleaving explored
#include <assert.h>
#include <pthread.h>
#include <unistd.h>

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int runs, finished;

static void init(void) {
  ++runs;
  sleep(1); // a cancellation point
  finished = 1;
}

static void *worker(void *arg) {
  pthread_once(&once, init);
  return arg;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, 0, worker, 0);
  pthread_cancel(t);
  pthread_join(t, 0);
  pthread_once(&once, init);
  assert(finished == 1);
  assert(runs == 1 || runs == 2);
  return 0;
}
