// The dining philosophers: philosopher i takes fork[i], then
// fork[(i+1)%N]. Philosopher 4 holds fork[4] and waits for fork[0], which
// philosopher 0 holds while waiting for fork[1]... a cycle through all five.
// Clean twins: philosophers_ordered.c, philosophers_waiter.c.
//
// RUN: %tangle-lint %s -- > %t.txt; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt --implicit-check-not=warning:
#include <pthread.h>

#define N 5

static pthread_mutex_t fork_[N];
static int meals[N];

static void *philosopher(void *arg) {
  long i = (long)arg;
  // CHECK: :[[@LINE+6]]:3: warning: lock-order cycle: thread 'philosopher' with argument 0 locks 'fork_[1]' while holding 'fork_[0]', thread 'philosopher' with argument 1 locks 'fork_[2]' while holding 'fork_[1]', thread 'philosopher' with argument 2 locks 'fork_[3]' while holding 'fork_[2]', thread 'philosopher' with argument 3 locks 'fork_[4]' while holding 'fork_[3]', and thread 'philosopher' with argument 4 locks 'fork_[0]' while holding 'fork_[4]'; the 5 threads can deadlock, each waiting for the next [tangle-lock-order-inversion]
  // CHECK-NEXT: :[[@LINE+4]]:3: note: 'fork_[0]' is locked here first, in thread 'philosopher' with argument 0
  // CHECK-NEXT: :[[@LINE+16]]:5: note: thread 'philosopher' is started here, more than once
  // CHECK-NEXT: :[[@LINE+2]]:3: note: 'fork_[1]' is locked here first, in thread 'philosopher' with argument 1
  // CHECK-NEXT: :[[@LINE+2]]:3: note: then 'fork_[2]' here while holding 'fork_[1]'
  pthread_mutex_lock(&fork_[i]);
  pthread_mutex_lock(&fork_[(i + 1) % N]);
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
