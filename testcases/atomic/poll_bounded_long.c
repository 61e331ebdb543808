// poll_bounded.c with a longer poll, as sysprog21/concurrent-programs'
// rcu_queue makes it: a consumer tries up to 1,500 pops of an empty queue
// (two loads a try: the head, then its next) and gives up, while the only
// thread that could push is blocked on a mutex the consumer holds. Nobody
// can change what it reads, so it runs alone; before, after a thousand
// loads in a row (500 tries) that was taken for a spin forever and
// reported as deadlock.stall, though the loop ends by itself. Now a
// spinner whose loop only loads runs on unscheduled (up to 262,144 loads),
// and the loop ends: clean. -DFOREVER (a consumer that never gives up)
// still spins with nobody able to end it: deadlock.stall.
//
// RUN: %tangle check %s --no-lint --format json > %t.json
// RUN: FileCheck %s --input-file %t.json --implicit-check-not=deadlock.stall
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
// RUN: %tangle check %s --no-lint --format json -- -DFOREVER > %t.forever.json; test $? -eq 1
// RUN: FileCheck %s --check-prefix=FOREVER --input-file %t.forever.json
// FOREVER-DAG: "verdict":{{ ?}}"bugs"
// FOREVER-DAG: "id":{{ ?}}"deadlock.stall"
#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>

struct node {
  struct node *_Atomic next;
};
static struct node dummy;
static struct node *_Atomic head = &dummy;
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;

static void *producer(void *arg) {
  static struct node item;
  pthread_mutex_lock(&m);
  atomic_store(&atomic_load(&head)->next, &item);
  pthread_mutex_unlock(&m);
  return arg;
}

static int tryPop(void) {
  struct node *h = atomic_load(&head);
  struct node *next = atomic_load(&h->next);
  if (!next)
    return 0;
  return atomic_compare_exchange_strong(&head, &h, next);
}

int main(void) {
  pthread_t t;
  pthread_mutex_lock(&m);
  pthread_create(&t, NULL, producer, NULL);
#ifdef FOREVER
  while (!tryPop())
    ;
#else
  for (int tries = 0; tries < 1500 && !tryPop(); tries++)
    ; // try, then give up
#endif
  pthread_mutex_unlock(&m);
  pthread_join(t, NULL);
  return 0;
}
