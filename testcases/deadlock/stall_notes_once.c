// A stall's report names each place once: the waiting thread's "waits
// here" note, not also an "also involved here" note on the same line (the
// stall's locations include every waiter's), in an explored execution and
// in a recorded run alike.
//
// RUN: %tangle check %s --no-lint > %t.txt; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt
// RUN: %tangle run %s --hang-after 1 > %t.run.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --input-file %t.run.txt
//
// CHECK: error: deadlock: every live thread is blocked: {{.*}}[deadlock.stall]
// CHECK: stall_notes_once.c:[[#@LINE+10]]:{{[0-9]+}}: note: thread 1 (worker) waits here to wait on semaphore never
// CHECK-NOT: also involved here
// CHECK: note: fix:
#include <pthread.h>
#include <semaphore.h>

sem_t never;

void *worker(void *arg) {
  (void)arg;
  sem_wait(&never);
  return 0;
}

int main(void) {
  sem_init(&never, 0, 0);
  pthread_t t;
  pthread_create(&t, 0, worker, 0);
  pthread_join(t, 0);
  return 0;
}
