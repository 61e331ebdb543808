// Twin of atomic_array.c with plain elements: `seen[item]++` is a load
// and a store, and two consumers that tally the same item lose one of the
// increments. A data race.
//
// RUN: %tangle-lint %s -- > %t.txt; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt --implicit-check-not=warning:
// CHECK: atomic_array_plain.c:[[@LINE+10]]:5: warning: 'seen' is written in thread 'consumer' and written in another instance of thread 'consumer' with no lock held by both: a data race [tangle-shared-global-unlocked]
#include <pthread.h>
#include <stddef.h>

#define Items 8

static size_t seen[Items];

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
