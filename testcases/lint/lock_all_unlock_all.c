// A lock taken in one loop and released in another: the checker thread
// takes every account's lock in index order (no deadlock: one order for
// everyone), sums the balances and releases them all; main holds each
// worker's start lock from the loop that starts it until a second loop
// lets them all go (mutex/perf-test of sysprog21/concurrent-programs).
// `accounts[i]` names another lock in each turn: lint must not report the
// second turn's lock as a double lock, nor the release loop as releasing
// free locks. Twin: lock_all_wrong_array.c.
//
// RUN: %tangle-lint %s -- > %t.txt; test $? -eq 0
// RUN: test ! -s %t.txt
#include <pthread.h>

#define ACCOUNTS 4
#define WORKERS 2

static pthread_mutex_t accounts[ACCOUNTS];
static pthread_mutex_t start[WORKERS];
static int balance[ACCOUNTS];
static int total;

static void *audit(void *arg) {
  int sum = 0;
  for (int i = 0; i < ACCOUNTS; i++)
    pthread_mutex_lock(&accounts[i]);
  for (int i = 0; i < ACCOUNTS; i++)
    sum += balance[i];
  for (int i = 0; i < ACCOUNTS; i++)
    pthread_mutex_unlock(&accounts[i]);
  return (void *)(long)sum;
}

static void *worker(void *arg) {
  long id = (long)arg;
  pthread_mutex_lock(&start[id]);
  pthread_mutex_unlock(&start[id]);
  pthread_mutex_lock(&accounts[id]);
  balance[id] += 10;
  pthread_mutex_unlock(&accounts[id]);
  return NULL;
}

int main(void) {
  pthread_t w[WORKERS], a;
  for (int i = 0; i < ACCOUNTS; i++)
    pthread_mutex_init(&accounts[i], NULL);
  for (long i = 0; i < WORKERS; i++) {
    pthread_mutex_init(&start[i], NULL);
    pthread_mutex_lock(&start[i]);
    pthread_create(&w[i], NULL, worker, (void *)i);
  }
  pthread_create(&a, NULL, audit, NULL);
  for (int i = 0; i < WORKERS; i++)
    pthread_mutex_unlock(&start[i]);
  for (int i = 0; i < WORKERS; i++)
    pthread_join(w[i], NULL);
  pthread_join(a, NULL);
  return 0;
}
