// A detached worker whose next step is an atomic update when main returns:
// lifecycle.detached-cut-off. The thread does not spin, it is cut off: the
// report names its atomic update, not "its spin on done_work" (what a
// stalled thread at an atomic is said to do), which the text said before.
// -DFIXED joins the worker: clean.
//
// RUN: %tangle check %s > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt
// RUN: %tangle check %s -- -DFIXED > %t.fixed 2>&1; test $? -eq 0
// RUN: FileCheck %s --check-prefix=FIXED --input-file %t.fixed
// CHECK-NOT: {{its spin|stops here, before its spin}}
// CHECK: error: the process ends while the detached thread 1 (worker) is still at work: its atomic update done_work never happens [lifecycle.detached-cut-off]
// CHECK: note: thread 1 (worker) stops here, before its atomic update done_work
// CHECK-NOT: {{its spin|stops here, before its spin}}
// FIXED: tangle: clean
#include <pthread.h>
#include <stdatomic.h>

atomic_int done_work;

static void *worker(void *arg) {
  atomic_fetch_add(&done_work, 1);
  return arg;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, 0, worker, 0);
#ifdef FIXED
  pthread_join(t, 0);
#else
  pthread_detach(t);
#endif
  return 0;
}
