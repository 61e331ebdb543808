// A work-stealing deque (after Chase and Lev, sequentially consistent
// atomics): the owner pushes 3 items at the bottom and pops them from the
// bottom, a thief steals from the top with a compare-exchange. The owner's
// pop of the last item moves `top` past it with a plain store instead of
// racing the thief with a compare-exchange, so both can take it and the
// assertion that every item is taken once fails. It takes the thief reading
// `bottom` before the owner's last pop lowers it and winning its
// compare-exchange after the owner read `top`: several preemptions, found by
// exploring; the schedule replays it. bench/deep/work_stealing.c is the same
// with 8 items. Fix: work_stealing_cas.c.
//
// RUN: %tangle check %s --no-lint --max-findings 1 --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json --implicit-check-not=race.data
// RUN: %python %S/../Inputs/schedule.py %t.json program.assert > %t.schedule
// RUN: %tangle replay --schedule "$(cat %t.schedule)" %s > %t.replay 2>&1; test $? -eq 1
// RUN: FileCheck %s --check-prefix=REPLAY --input-file %t.replay
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"program.assert"
// REPLAY: error: assertion failed in {{.*}}before == 0{{.*}}[program.assert]
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
  if (t == b) {                // the last item: the thief may be taking it too
    atomic_store(&top, t + 1); // the bug: takes it whatever the thief did
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
