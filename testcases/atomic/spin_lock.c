// A test-and-set spin lock built from one atomic flag protects a plain
// counter. The exchanges are scheduling points, so tangle interleaves the two
// threads at every attempt and checks the counter in every order; a thread
// that keeps finding the lock taken is one more turn of a retry loop, and
// the holder runs. Clean, and every interleaving is explored. Twin:
// spin_lock_broken.c.
//
// RUN: %tangle check %s --no-lint --format json > %t.json
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
// CHECK-DAG: "races_checked":{{ ?}}true
#include <assert.h>
#include <pthread.h>
#include <stdatomic.h>

atomic_int locked;
int counter;

void *worker(void *arg) {
  while (atomic_exchange(&locked, 1))
    ; // spin until the holder stores 0
  int seen = counter;
  counter = seen + 1;
  atomic_store(&locked, 0);
  return NULL;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, worker, NULL);
  pthread_create(&b, NULL, worker, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  assert(counter == 2);
  return 0;
}
