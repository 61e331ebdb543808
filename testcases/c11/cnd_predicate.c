// The twin of cnd_lost_wakeup.c: the consumer waits in a loop until the
// flag is set, so a signal sent before it waits is not needed. The item is
// read under the mutex, and the result comes back through thrd_join. Clean.
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
#include <threads.h>

mtx_t m;
cnd_t ready_cv;
int ready, item;

int consumer(void *arg) {
  mtx_lock(&m);
  while (!ready)
    cnd_wait(&ready_cv, &m);
  int got = item;
  mtx_unlock(&m);
  return got;
}

int main(void) {
  mtx_init(&m, mtx_plain);
  cnd_init(&ready_cv);
  thrd_t t;
  thrd_create(&t, consumer, NULL);
  mtx_lock(&m);
  item = 42;
  ready = 1;
  cnd_signal(&ready_cv);
  mtx_unlock(&m);
  int result = 0;
  thrd_join(t, &result);
  cnd_destroy(&ready_cv);
  mtx_destroy(&m);
  return result == 42 ? 0 : 1;
}
