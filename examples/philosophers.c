// Dining philosophers: the classic deadlock, and tangle's bundled demo.
//
// Five philosophers sit around a table with one fork between each pair of
// neighbours. To eat, a philosopher needs both forks next to them. Every
// philosopher here picks up the LEFT fork first, then the RIGHT one.
//
// Most of the time this program finishes. But if every philosopher picks up
// their left fork before anyone picks up a right fork, each one waits forever
// for the fork their neighbour holds: a wait-for cycle, i.e. a deadlock.
// Running the program a thousand times may never show it; `tangle check`
// explores every interleaving and finds the schedule that does.
//
//   tangle check examples/philosophers.c
//
// The fix: make the order global. For example, always pick up the fork with
// the LOWER number first (philosopher 4 then takes fork_[0] before fork_[4]),
// so no cycle of waits can form.
#include <pthread.h>
#include <stdio.h>

#define N 5

// fork_[i] lies between philosopher i and philosopher (i + 1) % N.
// (Named fork_ because fork() is already a function in <unistd.h>.)
pthread_mutex_t fork_[N] = {
    PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER,
    PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER,
    PTHREAD_MUTEX_INITIALIZER};

int meals[N]; // each philosopher writes only its own entry

void *philosopher(void *arg) {
  int i = (int)(long)arg;
  int left = i;
  int right = (i + 1) % N;

  pthread_mutex_lock(&fork_[left]);  // 1. pick up the left fork
  pthread_mutex_lock(&fork_[right]); // 2. wait for the right fork: may block
                                     //    forever if the neighbour holds it
  meals[i]++;                        // 3. eat
  pthread_mutex_unlock(&fork_[right]);
  pthread_mutex_unlock(&fork_[left]);
  return NULL;
}

int main(void) {
  pthread_t t[N];
  for (long i = 0; i < N; i++)
    pthread_create(&t[i], NULL, philosopher, (void *)i);
  for (int i = 0; i < N; i++)
    pthread_join(t[i], NULL);
  printf("all %d philosophers have eaten\n", N);
  return 0;
}
