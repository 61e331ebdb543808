// work_stealing.c with the owner racing the thief for the last item: a
// compare-exchange on `top`, as Chase and Lev's deque does; whoever loses
// gets nothing. Every item is taken exactly once in every interleaving:
// clean, and complete.
//
// RUN: %tangle check %s --no-lint --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
#include <assert.h>
#include <pthread.h>
#include <stdatomic.h>

#define ITEMS 3
#define STEALS 2
#define EMPTY (-1)

static atomic_long top, bottom;
static int slots[ITEMS];
static atomic_int taken[ITEMS];

static void push(int item) {
  long b = atomic_load(&bottom);
  slots[b] = item;
  atomic_store(&bottom, b + 1);
}

static int pop(void) {
  long b = atomic_load(&bottom) - 1;
  atomic_store(&bottom, b);
  long t = atomic_load(&top);
  if (t > b) { // empty
    atomic_store(&bottom, t);
    return EMPTY;
  }
  int item = slots[b];
  if (t == b) { // the last item: the thief may be taking it too
    if (!atomic_compare_exchange_strong(&top, &t, t + 1))
      item = EMPTY;               // the thief won it
    atomic_store(&bottom, b + 1); // not t + 1: a failed exchange changed t
  }
  return item;
}

static int steal(void) {
  long t = atomic_load(&top);
  long b = atomic_load(&bottom);
  if (t >= b)
    return EMPTY;
  int item = slots[t];
  if (!atomic_compare_exchange_strong(&top, &t, t + 1))
    return EMPTY; // lost to the owner
  return item;
}

static void take(int item) {
  int before = atomic_fetch_add(&taken[item], 1);
  assert(before == 0); // every item is taken exactly once
}

static void *owner(void *arg) {
  for (int i = 0; i < ITEMS; i++)
    push(i);
  for (int item; (item = pop()) != EMPTY;)
    take(item);
  return arg;
}

static void *thief(void *arg) {
  for (int i = 0; i < STEALS; i++) {
    int item = steal();
    if (item != EMPTY)
      take(item);
  }
  return arg;
}

int main(void) {
  pthread_t o, t;
  pthread_create(&o, NULL, owner, NULL);
  pthread_create(&t, NULL, thief, NULL);
  pthread_join(o, NULL);
  pthread_join(t, NULL);
  return 0;
}
