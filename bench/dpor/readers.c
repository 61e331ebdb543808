// readers (Abdulla et al., POPL'14: "readers-writer"): one writer stores to
// a shared variable while N readers each load it once. The loads commute
// with each other, each conflicts with the store: 2^N inequivalent
// executions. Written for tangle's bench from the published description.
// Size: -DN=10.
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>

#ifndef N
#define N 10
#endif

static atomic_int x;

static void *writer(void *arg) {
  (void)arg;
  atomic_store(&x, 42);
  return 0;
}

static void *reader(void *arg) {
  (void)arg;
  (void)atomic_load(&x);
  return 0;
}

int main(void) {
  pthread_t w, r[N];
  pthread_create(&w, 0, writer, 0);
  for (int i = 0; i < N; ++i)
    pthread_create(&r[i], 0, reader, 0);
  pthread_join(w, 0);
  for (int i = 0; i < N; ++i)
    pthread_join(r[i], 0);
  return 0;
}
