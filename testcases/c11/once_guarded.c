// The twin of once_unguarded.c: call_once runs init exactly once, and every
// other caller waits until it has finished, so the mutex is made once and
// the flag is ordered. The workers also sleep (thrd_sleep), yield and end
// with thrd_exit. Clean.
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
#include <threads.h>
#include <time.h>

once_flag init_once = ONCE_FLAG_INIT;
mtx_t counter_lock;
int initialised, counter;

void init(void) {
  mtx_init(&counter_lock, mtx_timed);
  initialised = 1;
}

int worker(void *arg) {
  call_once(&init_once, init);
  struct timespec tick = {0, 1000};
  thrd_sleep(&tick, NULL);
  thrd_yield();
  struct timespec far = {time(NULL) + 60, 0};
  if (mtx_timedlock(&counter_lock, &far) == thrd_success) {
    counter++;
    mtx_unlock(&counter_lock);
  }
  thrd_exit(initialised);
}

int main(void) {
  thrd_t t1, t2;
  thrd_create(&t1, worker, NULL);
  thrd_create(&t2, worker, NULL);
  int r1 = 0, r2 = 0;
  thrd_join(t1, &r1);
  thrd_join(t2, &r2);
  return r1 + r2 == 2 ? 0 : 1;
}
