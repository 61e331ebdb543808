// Dining philosophers: N threads, each eats ROUNDS times taking its left
// fork then its right one (deadlocks), or with -DORDERED the lower-numbered
// fork first (clean). Size: -DN=5 -DROUNDS=1.
#include <pthread.h>
#include <stdint.h>

#ifndef N
#define N 5
#endif
#ifndef ROUNDS
#define ROUNDS 1
#endif

static pthread_mutex_t fork_[N];

static void *philosopher(void *arg) {
  int i = (int)(intptr_t)arg;
  int first = i, second = (i + 1) % N;
#ifdef ORDERED
  if (second < first) {
    int t = first;
    first = second;
    second = t;
  }
#endif
  for (int r = 0; r < ROUNDS; ++r) {
    pthread_mutex_lock(&fork_[first]);
    pthread_mutex_lock(&fork_[second]);
    pthread_mutex_unlock(&fork_[second]);
    pthread_mutex_unlock(&fork_[first]);
  }
  return 0;
}

int main(void) {
  pthread_t t[N];
  for (int i = 0; i < N; ++i)
    pthread_mutex_init(&fork_[i], 0);
  for (intptr_t i = 0; i < N; ++i)
    pthread_create(&t[i], 0, philosopher, (void *)i);
  for (int i = 0; i < N; ++i)
    pthread_join(t[i], 0);
  return 0;
}
