// Deep bug: a work-stealing deque (after Chase and Lev, sequentially
// consistent atomics). The owner pushes ITEMS items at the bottom, then pops
// them from the bottom; a thief steals from the top with a compare-exchange.
// The owner's pop of the last item moves `top` past it with a plain store
// instead of racing the thieves with a compare-exchange (the fix: -DFIXED),
// so a thief that saw the item and the owner can both take it: the assertion
// that every item is taken once fails. It needs the thief to read `bottom`
// before the owner's last pop lowers it and to win its compare-exchange
// after the owner has read `top`.
// Build with -DITEMS=8 (default) and -DSTEALS=2.
#include <assert.h>
#include <pthread.h>
#include <stdatomic.h>

#ifndef ITEMS
#define ITEMS 8
#endif
#ifndef STEALS
#define STEALS 2
#endif
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
  if (t == b) { // the last item: a thief may be taking it too
#ifdef FIXED
    if (!atomic_compare_exchange_strong(&top, &t, t + 1))
      item = EMPTY; // the thief won
#else
    atomic_store(&top, t + 1); // the bug: takes it whatever the thief did
#endif
    atomic_store(&bottom, b + 1);
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
    return EMPTY; // lost to the owner or another thief
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
