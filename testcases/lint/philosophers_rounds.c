// Philosophers who eat several rounds, their forks' indices computed in
// each round. `first` and `second` are declared again in every turn of the
// loop, so the forks held under those names become unknown elements of
// `fork_` at the end of a turn; the next turn must still be seen taking
// fork `i` and then fork `i + 1` with nothing else in between: the cycle
// of the five philosophers is reported. (An unknown element may be no lock
// at all: it never counts as a lock that keeps two threads apart.)
//
// With -DFIXED the last philosopher takes fork 0 first: no cycle.
//
// RUN: %tangle-lint %s -- > %t.txt; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt --implicit-check-not=warning:
// RUN: %tangle-lint %s -- -DFIXED > %t.fixed.txt; test $? -eq 0
// RUN: test ! -s %t.fixed.txt
#include <pthread.h>

#define N 5

static pthread_mutex_t fork_[N];
static int meals[N];

static void *philosopher(void *arg) {
  long i = (long)arg;
  int rounds = (int)i + 1;
  for (int round = 0; round < rounds; round++) {
    long first = i, second = (i + 1) % N;
#ifdef FIXED
    if (i == N - 1) {
      first = (i + 1) % N;
      second = i;
    }
#endif
    pthread_mutex_lock(&fork_[first]);
    // CHECK: :[[@LINE+1]]:5: warning: lock-order cycle: {{.*}} the 5 threads can deadlock, each waiting for the next [tangle-lock-order-inversion]
    pthread_mutex_lock(&fork_[second]);
    meals[i]++;
    pthread_mutex_unlock(&fork_[second]);
    pthread_mutex_unlock(&fork_[first]);
  }
  return NULL;
}

int main(void) {
  pthread_t t[N];
  for (long i = 0; i < N; i++)
    pthread_create(&t[i], NULL, philosopher, (void *)i);
  for (int i = 0; i < N; i++)
    pthread_join(t[i], NULL);
  return 0;
}
