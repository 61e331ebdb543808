// lastzero (Abdulla, Aronis, Jonsson, Sagonas, POPL'14): thread 0 scans an
// array from the end for its last zero while threads 1..N each set
// a[i] = a[i-1] + 1. Every load and store is a C11 atomic (seq_cst), so each
// is a visible step for tangle, as every access is for Nidhugg. Written for
// tangle's bench from the published description. Size: -DN=10.
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>

#ifndef N
#define N 10
#endif

static atomic_int array[N + 1];

static void *reader(void *arg) {
  (void)arg;
  int i = N;
  while (atomic_load(&array[i]) != 0)
    --i;
  return 0;
}

static void *writer(void *arg) {
  intptr_t j = (intptr_t)arg;
  atomic_store(&array[j], atomic_load(&array[j - 1]) + 1);
  return 0;
}

int main(void) {
  pthread_t t[N + 1];
  pthread_create(&t[0], 0, reader, 0);
  for (intptr_t j = 1; j <= N; ++j)
    pthread_create(&t[j], 0, writer, (void *)j);
  for (int j = 0; j <= N; ++j)
    pthread_join(t[j], 0);
  return 0;
}
