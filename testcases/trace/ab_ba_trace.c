// --trace FILE writes the executions of the reported findings in the format
// of docs/trace-format.md; Inputs/trace_summary.py reads that format
// independently of tangle's own reader.
//
// RUN: %tangle check %s --trace %t.trace > %t.txt 2>&1; test $? -eq 1
// RUN: %python %S/../Inputs/trace_summary.py %t.trace > %t.summary
// RUN: FileCheck %s --input-file %t.summary
// RUN: printf 'TNGLTRC' > %t.bad; ! %python %S/../Inputs/trace_summary.py %t.bad
//
// CHECK: program {{.*}}ab_ba_trace.c
// CHECK: execution deadlock.cycle end=deadlock schedule=[
// CHECK: events 0:create 0:create 1:start 1:lock
// CHECK: pending {{.*}}1:lock{{.*}}2:lock
#include <pthread.h>

pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER, b = PTHREAD_MUTEX_INITIALIZER;

void *ab(void *arg) {
  pthread_mutex_lock(&a);
  pthread_mutex_lock(&b);
  pthread_mutex_unlock(&b);
  pthread_mutex_unlock(&a);
  return 0;
}

void *ba(void *arg) {
  pthread_mutex_lock(&b);
  pthread_mutex_lock(&a);
  pthread_mutex_unlock(&a);
  pthread_mutex_unlock(&b);
  return 0;
}

int main(void) {
  pthread_t t1, t2;
  pthread_create(&t1, 0, ab, 0);
  pthread_create(&t2, 0, ba, 0);
  pthread_join(t1, 0);
  pthread_join(t2, 0);
  return 0;
}
