// Clean twin of philosophers.c: the last philosopher picks up its forks in
// the other order (fork[0] before fork[4]), the textbook fix. The branch
// depends only on the thread's argument, so each philosopher is seen taking
// one order, and the orders form no cycle.
//
// RUN: %tangle-lint %s -- > %t.txt; test $? -eq 0
// RUN: test ! -s %t.txt
#include <pthread.h>

#define N 5

static pthread_mutex_t fork_[N];
static int meals[N];

static void *philosopher(void *arg) {
  long i = (long)arg;
  if (i == N - 1) {
    pthread_mutex_lock(&fork_[(i + 1) % N]);
    pthread_mutex_lock(&fork_[i]);
  } else {
    pthread_mutex_lock(&fork_[i]);
    pthread_mutex_lock(&fork_[(i + 1) % N]);
  }
  meals[i]++;
  pthread_mutex_unlock(&fork_[(i + 1) % N]);
  pthread_mutex_unlock(&fork_[i]);
  return NULL;
}

int main(void) {
  pthread_t t[N];
  for (long i = 0; i < N; i++)
    pthread_mutex_init(&fork_[i], NULL);
  for (long i = 0; i < N; i++)
    pthread_create(&t[i], NULL, philosopher, (void *)i);
  for (long i = 0; i < N; i++)
    pthread_join(t[i], NULL);
  return 0;
}
