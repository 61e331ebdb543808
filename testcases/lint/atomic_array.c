// An array of atomics, as sysprog21's spmc test keeps its tally: every
// consumer does `seen[item]++` on a `static _Atomic size_t seen[N]`, an
// atomic read-modify-write of one element, so two consumers that see the
// same item do not race. An array is what its elements are. Clean.
// Twin: atomic_array_plain.c.
//
// RUN: %tangle-lint %s -- > %t.txt; test $? -eq 0
// RUN: test ! -s %t.txt
#include <pthread.h>
#include <stddef.h>

#define Items 8

static _Atomic size_t seen[Items];

static void *consumer(void *arg) {
  for (size_t item = 0; item < Items; item++)
    seen[item]++;
  return arg;
}

int main(void) {
  pthread_t threads[2];
  for (int i = 0; i < 2; i++)
    pthread_create(&threads[i], NULL, consumer, NULL);
  for (int i = 0; i < 2; i++)
    pthread_join(threads[i], NULL);
  return seen[0] == 2 ? 0 : 1;
}
