// Peterson's lock for two threads on sequentially consistent atomics, as
// a course writes it: each thread stores its own `want[me]` and spins on
// its peer's `want[other]` and on `turn`, then leaves by clearing
// `want[me]`. The elements differ by index but are one flag array: the
// peer's spin waits for the store that follows the critical section, so
// `inside` and `total` are ordered. Clean (tangle check proves the lock
// in testcases/atomic/peterson.c). Twin: peterson_lock_broken.c.
//
// RUN: %tangle-lint %s -- > %t.txt; test $? -eq 0
// RUN: test ! -s %t.txt
#include <pthread.h>
#include <stdatomic.h>

static atomic_int want[2];
static atomic_int turn;
static int inside, total;

static void *worker(void *arg) {
  int me = (int)(long)arg, other = 1 - me;
  atomic_store(&want[me], 1);
  atomic_store(&turn, other);
  while (atomic_load(&want[other]) && atomic_load(&turn) == other)
    ;
  inside++;
  total++;
  inside--;
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
