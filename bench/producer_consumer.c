// The producer/consumer of issue 3's "Done when": 2 producers and 2 consumers,
// a buffer of one item, one mutex and two conditions; ITEMS each (1 or 2).
//   build/bin/tangle check --no-lint bench/producer_consumer.c -- -DITEMS=2
// Nidhugg's optimal mode needs 48 (ITEMS=1) and 29,728 (ITEMS=2) executions.
// -DSIGNAL_AFTER_UNLOCK sends each signal after the unlock instead of under
// the mutex (docs/bench.md, "Signals that wake nobody").
// -D__NIDHUGG__ (bench/nidhugg_table.py passes it to nidhuggc) initialises the
// mutex and conditions by calls as well: Nidhugg rejects a lock of a mutex
// that only a static initializer set up. tangle runs the file without it.
// -DFORBID=K folds the order of the mutex's acquisitions (each lock and each
// wake-up, as thread index + 1 in base 5: producers 0 and 1, consumers 2
// and 3) into `order`, and main asserts that it is not K: a tool that runs
// every feasible order reports the assertion for every K the program can
// reach (bench/producer_consumer_orders.py).
#include <assert.h>
#include <pthread.h>
#ifndef ITEMS
#define ITEMS 1
#endif
#ifdef SIGNAL_AFTER_UNLOCK
#define SIGNAL_AND_UNLOCK(c)                                                   \
  do {                                                                         \
    pthread_mutex_unlock(&m);                                                  \
    pthread_cond_signal(&c);                                                   \
  } while (0)
#else
#define SIGNAL_AND_UNLOCK(c)                                                   \
  do {                                                                         \
    pthread_cond_signal(&c);                                                   \
    pthread_mutex_unlock(&m);                                                  \
  } while (0)
#endif
#ifdef FORBID
long order = 0;
#define NOTE(a) (order = order * 5 + (long)(a) + 1)
#else
#define NOTE(a) ((void)(a))
#endif
#define WAIT(c, a)                                                             \
  do {                                                                         \
    pthread_cond_wait(&c, &m);                                                 \
    NOTE(a);                                                                   \
  } while (0)
pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
pthread_cond_t not_empty = PTHREAD_COND_INITIALIZER, not_full = PTHREAD_COND_INITIALIZER;
int count = 0;
void *producer(void *a) {
  for (int i = 0; i < ITEMS; ++i) {
    pthread_mutex_lock(&m);
    NOTE(a);
    while (count == 1) WAIT(not_full, a);
    count = 1;
    SIGNAL_AND_UNLOCK(not_empty);
  }
  return a;
}
void *consumer(void *a) {
  for (int i = 0; i < ITEMS; ++i) {
    pthread_mutex_lock(&m);
    NOTE(a);
    while (count == 0) WAIT(not_empty, a);
    count = 0;
    SIGNAL_AND_UNLOCK(not_full);
  }
  return a;
}
int main(void) {
  pthread_t t[4];
#ifdef __NIDHUGG__
  pthread_mutex_init(&m, 0);
  pthread_cond_init(&not_empty, 0);
  pthread_cond_init(&not_full, 0);
#endif
  pthread_create(&t[0], 0, producer, (void *)0);
  pthread_create(&t[1], 0, producer, (void *)1);
  pthread_create(&t[2], 0, consumer, (void *)2);
  pthread_create(&t[3], 0, consumer, (void *)3);
  for (int i = 0; i < 4; ++i) pthread_join(t[i], 0);
#ifdef FORBID
  assert(order != FORBID);
#endif
  return 0;
}
