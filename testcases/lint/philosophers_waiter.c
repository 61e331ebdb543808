// Clean twin of philosophers.c: a waiter lock is held around taking both
// forks, so only one philosopher is ever between its two acquisitions.
//
// RUN: %tangle-lint %s -- > %t.txt; test $? -eq 0
// RUN: test ! -s %t.txt
#include <pthread.h>

#define N 5

static pthread_mutex_t fork_[N];
static pthread_mutex_t waiter = PTHREAD_MUTEX_INITIALIZER;
static int meals[N];

static void *philosopher(void *arg) {
  long i = (long)arg;
  pthread_mutex_lock(&waiter);
  pthread_mutex_lock(&fork_[i]);
  pthread_mutex_lock(&fork_[(i + 1) % N]);
  pthread_mutex_unlock(&waiter);
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
