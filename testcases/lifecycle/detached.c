// The other fix for unjoined_thread.c: a thread nobody needs to wait for is
// detached, so the system reclaims it when it ends. This worker touches
// nothing shared, so it does no harm if main returns before it finishes.
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
#include <pthread.h>

void *worker(void *arg) {
  volatile int local = 0;
  for (int i = 0; i < 3; i++)
    local += i; // private work only
  (void)local;
  return NULL;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  pthread_detach(t); // nobody will join it: say so
  return 0;
}
