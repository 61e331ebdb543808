// The memory program of tangle-bench's memory table (bench/tangle_bench.cpp
// builds it with -DPASSES=60 and 2000) and of bench/record_overhead.sh's
// memory row: two threads each
// sweep their own 4096-int array PASSES times (a load and a store per
// element), then add a checksum to a shared total under a mutex. No race.
#include <pthread.h>

#ifndef PASSES
#define PASSES 2000
#endif
#define M 4096
pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
long total;

void *sweep(void *arg) {
  static int arrays[2][M];
  int *a = arrays[(long)arg];
  for (int p = 0; p < PASSES; p++)
    for (int i = 0; i < M; i++)
      a[i] = a[i] * 3 + i;
  long sum = 0;
  for (int i = 0; i < M; i++)
    sum += a[i];
  pthread_mutex_lock(&m);
  total += sum;
  pthread_mutex_unlock(&m);
  return 0;
}

int main(void) {
  pthread_t t[2];
  for (long i = 0; i < 2; i++)
    pthread_create(&t[i], 0, sweep, (void *)i);
  for (int i = 0; i < 2; i++)
    pthread_join(t[i], 0);
  return 0;
}
