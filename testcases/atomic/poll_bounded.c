// A thread polls an atomic flag a bounded number of times and gives up: not
// a spin forever. Here the flag's setter is blocked on a mutex the poller
// holds, so nobody can change the flag while it polls; tangle lets it poll
// on (up to a thousand turns in a row with nobody else able to run) and the
// loop ends by itself. Clean. Twin: spin_forever.c, which never gives up.
//
// RUN: %tangle check %s --no-lint --format json > %t.json
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
#include <pthread.h>
#include <stdatomic.h>

atomic_int done;
pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;

void *worker(void *arg) {
  pthread_mutex_lock(&m);
  atomic_store(&done, 1);
  pthread_mutex_unlock(&m);
  return NULL;
}

int main(void) {
  pthread_t t;
  pthread_mutex_lock(&m);
  pthread_create(&t, NULL, worker, NULL);
  for (int tries = 0; tries < 100 && !atomic_load(&done); tries++)
    ; // poll, then give up
  pthread_mutex_unlock(&m);
  pthread_join(t, NULL);
  return 0;
}
