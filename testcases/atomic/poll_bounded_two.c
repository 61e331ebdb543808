// Two threads poll an empty lock-free queue, as rcu_queue's workers of
// sysprog21/concurrent-programs do: the taker polls until it gets an item;
// the giver tries a bounded number of times (400 tries, two loads each,
// counting its misses in plain memory, so its loop is no free run of loads:
// poll_bounded_long.c) before it gives up and pushes the item the taker
// waits for. When both polled with nobody else able to run, the scheduler
// ran one of them -- the taker, which does spin for good -- to SpinLimit
// turns and called the execution a deadlock, though the giver's loop would
// have ended by itself and fed it. A stall is now a stall only once every spinner has had its
// SpinLimit turns: the giver gets its own, gives up, pushes, and the
// program ends. Clean. -DNEVER_GIVES (the giver polls forever too): both
// spin for good, deadlock.stall.
//
// RUN: %tangle check %s --no-lint --format json > %t.json
// RUN: FileCheck %s --input-file %t.json --implicit-check-not=deadlock.stall
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
// RUN: %tangle check %s --no-lint --format json -- -DNEVER_GIVES > %t.never.json; test $? -eq 1
// RUN: FileCheck %s --check-prefix=NEVER --input-file %t.never.json
// NEVER-DAG: "id":{{ ?}}"deadlock.stall"
#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>

struct node {
  struct node *_Atomic next;
};
static struct node dummy, item;
static struct node *_Atomic head = &dummy;
static unsigned long misses;

static int tryPop(void) {
  struct node *h = atomic_load(&head);
  struct node *next = atomic_load(&h->next);
  if (!next)
    return 0;
  return atomic_compare_exchange_strong(&head, &h, next);
}

static void *taker(void *arg) {
  while (!tryPop())
    ;
  return arg;
}

static void *giver(void *arg) {
#ifdef NEVER_GIVES
  while (!tryPop())
    ;
#else
  for (int tries = 0; tries < 400 && !tryPop(); tries++)
    misses++;
  atomic_store(&atomic_load(&head)->next, &item);
#endif
  return arg;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&b, NULL, giver, NULL);
  pthread_create(&a, NULL, taker, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  return 0;
}
