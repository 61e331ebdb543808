// indexer (Flanagan and Godefroid, POPL'05; an SV-COMP and DPOR benchmark):
// THREADS threads each insert 4 values into a 128-slot hash table with an
// atomic compare-and-swap and linear probing. Values collide only from 12
// threads on, so the number of inequivalent executions grows as 2^k with
// the collisions. Written for tangle's bench from the published
// description. Size: -DTHREADS=13.
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>

#ifndef THREADS
#define THREADS 13
#endif
#define SIZE 128
#define MAX 4

static atomic_int table[SIZE];

static void *insert(void *arg) {
  int tid = (int)(intptr_t)arg;
  for (int m = 1; m <= MAX; ++m) {
    int w = m * 11 + tid;
    int h = (w * 7) % SIZE;
    for (;;) {
      int expected = 0;
      if (atomic_compare_exchange_strong(&table[h], &expected, w))
        break;
      h = (h + 1) % SIZE;
    }
  }
  return 0;
}

int main(void) {
  pthread_t t[THREADS];
  for (intptr_t i = 0; i < THREADS; ++i)
    pthread_create(&t[i], 0, insert, (void *)i);
  for (int i = 0; i < THREADS; ++i)
    pthread_join(t[i], 0);
  return 0;
}
