// Hand-over-hand locking around a ring (the contention test of
// sysprog21/concurrent-programs, mutex/perf-test): each thread holds its
// lock, takes the next one in the ring and only then drops the one it held.
// Four locks for three threads, so one thread can always move on. The
// element a name like `ring[next]` stands for changes when `next` is
// declared again in the next turn, and `ring[i]` after `i = next`: lint
// must not take them for the locks they named before (a double lock, an
// unlock of a free lock, a lock held at return).
//
// With -DFORGOT the thread leaves the loop holding the last lock it took
// and returns without releasing it; the next runner to reach that lock
// waits forever. Lint cannot name which element of the ring is still held
// (the index changed in the loop), but on every path one is: it says so.
//
// RUN: %tangle-lint %s -- > %t.txt; test $? -eq 0
// RUN: test ! -s %t.txt
// RUN: %tangle-lint %s -- -DFORGOT > %t.forgot.txt; test $? -eq 1
// RUN: FileCheck %s --check-prefix=FORGOT --input-file %t.forgot.txt --implicit-check-not=warning:
#include <pthread.h>

#define THREADS 3
#define LOCKS (THREADS + 1)
#define TURNS 20

static pthread_mutex_t ring[LOCKS];
static int moves[LOCKS];

static void *runner(void *arg) {
  int i = (int)(long)arg;
  pthread_mutex_lock(&ring[i]);
  for (int turn = 0; turn < TURNS; turn++) {
    int next = (i + 1) % LOCKS;
    pthread_mutex_lock(&ring[next]);
    moves[next]++;
    pthread_mutex_unlock(&ring[i]);
    i = next;
  }
#ifndef FORGOT
  pthread_mutex_unlock(&ring[i]);
#endif
  // FORGOT: :[[@LINE+2]]:3: warning: one of the locks 'ring[?]' is still held when 'runner' returns and its thread ends [tangle-missing-unlock]
  // FORGOT-NEXT: note: one of them was locked here
  return NULL;
}

int main(void) {
  pthread_t t[THREADS];
  for (int i = 0; i < LOCKS; i++)
    pthread_mutex_init(&ring[i], NULL);
  for (long i = 0; i < THREADS; i++)
    pthread_create(&t[i], NULL, runner, (void *)i);
  for (int i = 0; i < THREADS; i++)
    pthread_join(t[i], NULL);
  return 0;
}
