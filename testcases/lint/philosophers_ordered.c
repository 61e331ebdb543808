// Clean twin of philosophers.c: each philosopher takes the lower-numbered
// of its two forks first, so fork[0] is always taken before fork[4] and the
// order is the same for all. The forks go through a helper's parameters.
//
// RUN: %tangle-lint %s -- > %t.txt; test $? -eq 0
// RUN: test ! -s %t.txt
#include <pthread.h>

#define N 5

static pthread_mutex_t fork_[N];
static int meals[N];

static void eat(int first, int second, int id) {
  pthread_mutex_lock(&fork_[first]);
  pthread_mutex_lock(&fork_[second]);
  meals[id]++;
  pthread_mutex_unlock(&fork_[second]);
  pthread_mutex_unlock(&fork_[first]);
}

static void *philosopher(void *arg) {
  int id = *(int *)arg;
  int left = id, right = (id + 1) % N;
  eat(left < right ? left : right, left < right ? right : left, id);
  return NULL;
}

int main(void) {
  pthread_t t[N];
  int ids[N];
  for (int i = 0; i < N; i++)
    pthread_mutex_init(&fork_[i], NULL);
  for (int i = 0; i < N; i++) {
    ids[i] = i;
    pthread_create(&t[i], NULL, philosopher, &ids[i]);
  }
  for (int i = 0; i < N; i++)
    pthread_join(t[i], NULL);
  return 0;
}
