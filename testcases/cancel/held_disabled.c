// The twin of held_at_sleep.c: the worker disables cancellation around its
// critical section, so the request waits for the testcancel after it. Every
// interleaving ends with m free: clean.
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
#include <pthread.h>
#include <unistd.h>

pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
int done;

static void *worker(void *arg) {
  int old;
  sleep(1);
  pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, &old);
  pthread_mutex_lock(&m);
  sleep(1); // not acted on: cancellation is disabled
  done++;
  pthread_mutex_unlock(&m);
  pthread_setcancelstate(old, NULL);
  pthread_testcancel();
  return arg;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  pthread_cancel(t);
  pthread_join(t, NULL);
  pthread_mutex_lock(&m);
  pthread_mutex_unlock(&m);
  return 0;
}
