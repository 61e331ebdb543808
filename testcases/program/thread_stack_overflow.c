// A thread that recurses without bound overflows its stack: SIGSEGV on the
// guard page below it, reported as a crash. tangle gives threads created
// with default attributes stacks from a pool its fork server reserved
// (runtime/stack_pool.h); the first thread's stack lies right below the
// second's, so without the guard the overflow would run into the first
// thread's descriptor instead of crashing where it happens.
// Twin: thread_stack_deep.c.
//
// RUN: %tangle check %s --no-lint --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: %tangle check %s --no-lint > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
//
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"program.crash"
// CHECK-DAG: "summary":{{ ?}}"the program crashes with SIGSEGV{{.*}}thread 2 (recurser)
#include <pthread.h>
#include <stddef.h>

pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
volatile int depth;

// The frame that no longer fits faults as the function sets it up.
// TEXT: {{.*}}thread_stack_overflow.c:[[@LINE+1]]: error: {{.*}}SIGSEGV{{.*}}thread 2 (recurser){{.*}}[program.crash]
static int descend(int n) {
  volatile char frame[4096];
  frame[0] = (char)n;
  depth = n;
  return descend(n + 1) + frame[0]; // no base case: overflows
}

void *waiter(void *arg) {
  pthread_mutex_lock(&m); // parked on its stack while the other overflows
  pthread_mutex_unlock(&m);
  return arg;
}

void *recurser(void *arg) {
  descend(0);
  return arg;
}

int main(void) {
  pthread_t first, second;
  pthread_mutex_lock(&m);
  pthread_create(&first, NULL, waiter, NULL);
  pthread_create(&second, NULL, recurser, NULL);
  pthread_join(second, NULL);
  pthread_mutex_unlock(&m);
  pthread_join(first, NULL);
  return 0;
}
