// The trylock back-off idiom with the retry in the callers: take_both()
// locks `first`, only tries `second`, and on failure gives `first` back and
// returns 0; it returns 1 holding both. The callers test the result in the
// usual ways (`while (!take_both(...))`, `if (take_both(...) == 0)`, the
// result kept in a variable) and unlock both only where it said 1, so there
// is no missing unlock (in the helper or its callers), no unlock of a lock
// not held, no lock-order inversion (the second lock is only tried) and no
// unprotected access to the balances. Twins: take_both_backoff_inverted.c
// (the helper's test is the wrong way round) and
// take_both_backoff_wrong_unlock.c (it gives back the wrong lock).
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

static int take_both(pthread_mutex_t *first, pthread_mutex_t *second) {
  pthread_mutex_lock(first);
  if (pthread_mutex_trylock(second) != 0) {
    pthread_mutex_unlock(first); // back off
    return 0;
  }
  return 1;
}

static void *a_to_b(void *arg) {
  (void)arg;
  while (!take_both(&a, &b))
    sched_yield();
  balance_a--;
  balance_b++;
  pthread_mutex_unlock(&b);
  pthread_mutex_unlock(&a);
  return 0;
}

static void *b_to_a(void *arg) {
  (void)arg;
  for (;;) {
    if (take_both(&b, &a) == 0) {
      sched_yield();
      continue;
    }
    balance_b--;
    balance_a++;
    pthread_mutex_unlock(&a);
    pthread_mutex_unlock(&b);
    return 0;
  }
}

static void *audit(void *arg) {
  (void)arg;
  int got = take_both(&a, &b);
  if (!got)
    return 0; // busy: audit another time
  long total = balance_a + balance_b;
  pthread_mutex_unlock(&b);
  pthread_mutex_unlock(&a);
  return (void *)total;
}

int main(void) {
  pthread_t t1, t2, t3;
  pthread_create(&t1, 0, a_to_b, 0);
  pthread_create(&t2, 0, b_to_a, 0);
  pthread_create(&t3, 0, audit, 0);
  pthread_join(t1, 0);
  pthread_join(t2, 0);
  pthread_join(t3, 0);
  return balance_a + balance_b == 200 ? 0 : 1;
}
