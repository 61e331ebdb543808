// Twin of peterson_lock.c with the announcement after the check: each
// thread waits until its peer does not want in, and only then stores
// `want[me]`. Both can read the other's flag as 0 before either stores
// its own, and both enter: `total` is a data race. The store between the
// spin and the access is a check-then-set on the flag array, which orders
// nothing.
//
// RUN: %tangle-lint %s -- > %t.txt; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt --implicit-check-not=warning:
// CHECK: peterson_lock_broken.c:[[@LINE+12]]:3: warning: 'total' is written in thread 'worker' #1 and written in thread 'worker' #2 with no lock held by both: a data race [tangle-shared-global-unlocked]
#include <pthread.h>
#include <stdatomic.h>

static atomic_int want[2];
static int total;

static void *worker(void *arg) {
  int me = (int)(long)arg, other = 1 - me;
  while (atomic_load(&want[other]))
    ;
  atomic_store(&want[me], 1);
  total++;
  atomic_store(&want[me], 0);
  return NULL;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, worker, (void *)0);
  pthread_create(&b, NULL, worker, (void *)1);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  return total == 2 ? 0 : 1;
}
