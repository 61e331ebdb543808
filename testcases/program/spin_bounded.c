// Twin of infinite_loop.c and ../deadlock/trylock_hopeless.c: a thread spins on
// pthread_mutex_trylock until the lock's holder lets go. Under an adversarial
// scheduler the spin could go on forever; tangle cuts retry loops after
// --retry-bound failed attempts while another thread can make progress
// (docs/exploration.md), so exploration completes and proves it clean.
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json
// RUN: %tangle check %s --retry-bound 0 --format json > %t.0.json; test $? -eq 0
// RUN: FileCheck %s --check-prefixes=CHECK,CUT --input-file %t.0.json
// RUN: %tangle check %s --retry-bound 0 > %t.txt 2>&1; test $? -eq 0
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
// CUT-DAG: "retry_bounded":{{ ?}}{{[1-9]}}
// TEXT: every interleaving explored, retry loops cut after 0 failed attempts
#include <pthread.h>

pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
int done;

void *holder(void *arg) {
  pthread_mutex_lock(&m);
  done = 1;
  pthread_mutex_unlock(&m);
  return NULL;
}

void *spinner(void *arg) {
  while (pthread_mutex_trylock(&m) != 0) {
    // busy-wait: poor style, but it terminates once holder() unlocks
  }
  pthread_mutex_unlock(&m);
  return NULL;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, holder, NULL);
  pthread_create(&b, NULL, spinner, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  return 0;
}
