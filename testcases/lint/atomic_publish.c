// Synchronisation built from atomics instead of mutexes. `config` is
// written by main before it sets the flag `ready` (an atomic store with
// release order) and read by the workers after they spin on that flag
// (acquire): the store and the load order the two plain accesses. `hits`
// is guarded by a test-and-set spin lock made of __sync builtins. Neither
// is a data race. Clean. Twin: atomic_publish_race.c.
//
// RUN: %tangle-lint %s -- > %t.txt; test $? -eq 0
// RUN: test ! -s %t.txt
#include <pthread.h>
#include <stdatomic.h>

static atomic_int ready;
static int config;
static int spin;
static long hits;

static void spin_lock(void) {
  while (__sync_lock_test_and_set(&spin, 1))
    ;
}

static void spin_unlock(void) { __sync_lock_release(&spin); }

static void *worker(void *arg) {
  while (!atomic_load_explicit(&ready, memory_order_acquire))
    ;
  int step = config;
  spin_lock();
  hits += step;
  spin_unlock();
  return NULL;
}

int main(void) {
  pthread_t t[2];
  for (int i = 0; i < 2; i++)
    pthread_create(&t[i], NULL, worker, NULL);
  config = 3;
  atomic_store_explicit(&ready, 1, memory_order_release);
  spin_lock();
  hits++;
  spin_unlock();
  for (int i = 0; i < 2; i++)
    pthread_join(t[i], NULL);
  return hits == 7 ? 0 : 1;
}
