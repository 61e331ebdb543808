// Each call of tally() has its own mutex on the stack, initialised with
// PTHREAD_MUTEX_INITIALIZER, used by a helper thread, and destroyed. The
// second call's mutex lies at the same address as the first's, destroyed
// one: it is a new object, not the old one used after its destroy (tangle
// once took it for the same mutex). Clean. stack_mutex_relocked.c locks it
// twice.
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
#include <pthread.h>

int total;

static void *helper(void *arg) {
  pthread_mutex_t *m = arg;
  pthread_mutex_lock(m);
  total++;
  pthread_mutex_unlock(m);
  return NULL;
}

static void tally(void) {
  pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
  pthread_t t;
  pthread_create(&t, NULL, helper, &m);
  pthread_mutex_lock(&m);
  total++;
  pthread_mutex_unlock(&m);
  pthread_join(t, NULL);
  pthread_mutex_destroy(&m);
}

int main(void) {
  tally();
  tally();
  return total == 4 ? 0 : 1;
}
