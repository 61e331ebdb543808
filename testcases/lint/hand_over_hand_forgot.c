// Twin of hand_over_hand.c: the thread leaves the loop holding the last
// lock it took and returns without releasing it; the next runner to reach
// that lock waits forever. Lint cannot name which element of the ring is
// still held (the index changed in the loop), but on every path exactly one
// is: it says so.
//
// RUN: %tangle-lint %s -- > %t.txt; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt --implicit-check-not=warning:
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
  // CHECK: :[[@LINE+2]]:3: warning: one of the locks 'ring[?]' is still held when 'runner' returns and its thread ends [tangle-missing-unlock]
  // CHECK-NEXT: note: one of them was locked here
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
