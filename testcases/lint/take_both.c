// The trylock back-off idiom in a helper: take_both() locks `first`, only
// tries `second`, and on failure gives `first` back and starts again. It
// returns holding both, so the callers' unlocks release what they hold:
// neither a missing unlock (in the helper or its callers) nor an unlock of
// a lock not held, and no lock-order inversion (the second lock is only
// tried). One caller unlocks by hand, the other through drop_both(), whose
// releases are the caller's locks too. Twin: take_both_forgot.c.
//
// RUN: %tangle-lint %s -- > %t.txt; test $? -eq 0
// RUN: test ! -s %t.txt
// RUN: %tangle-lint --format=json %s -- > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json
// CHECK: "findings": []
// CHECK: "verdict": "clean"
#include <pthread.h>
#include <sched.h>

pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t b = PTHREAD_MUTEX_INITIALIZER;
long balance_a = 100, balance_b = 100;

static void take_both(pthread_mutex_t *first, pthread_mutex_t *second) {
  for (;;) {
    pthread_mutex_lock(first);
    if (pthread_mutex_trylock(second) == 0)
      return;
    pthread_mutex_unlock(first); // back off
    sched_yield();
  }
}

static void drop_both(pthread_mutex_t *first, pthread_mutex_t *second) {
  pthread_mutex_unlock(second);
  pthread_mutex_unlock(first);
}

static void *a_to_b(void *arg) {
  (void)arg;
  take_both(&a, &b);
  balance_a--;
  balance_b++;
  pthread_mutex_unlock(&b);
  pthread_mutex_unlock(&a);
  return 0;
}

static void *b_to_a(void *arg) {
  (void)arg;
  take_both(&b, &a);
  balance_b--;
  balance_a++;
  drop_both(&b, &a);
  return 0;
}

int main(void) {
  pthread_t t1, t2;
  pthread_create(&t1, 0, a_to_b, 0);
  pthread_create(&t2, 0, b_to_a, 0);
  pthread_join(t1, 0);
  pthread_join(t2, 0);
  return balance_a + balance_b == 200 ? 0 : 1;
}
