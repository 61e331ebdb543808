// take_both_backoff.c with the back-off giving back the wrong lock: when
// the try of `second` fails, the helper unlocks `second` (which another
// thread holds) instead of `first`, and returns 0 still holding `first`.
// The warning is at the caller's call: that call unlocks the caller's
// second lock, which it does not hold.
// Fix: on failure unlock `first`, the lock this call took.
//
// RUN: %tangle-lint %s -- > %t.txt; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt --implicit-check-not=warning:
// RUN: %tangle-lint --format=json %s -- > %t.json; test $? -eq 1
// RUN: FileCheck %s --check-prefix=JSON --input-file %t.json
// JSON-DAG: "id": "tangle-unlock-not-held"
// JSON-DAG: "summary": "this call unlocks 'b', which is not held here"
// JSON-DAG: "summary": "this call unlocks 'a', which is not held here"
#include <pthread.h>
#include <sched.h>

pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t b = PTHREAD_MUTEX_INITIALIZER;
long balance_a = 100, balance_b = 100;

static int take_both(pthread_mutex_t *first, pthread_mutex_t *second) {
  pthread_mutex_lock(first);
  if (pthread_mutex_trylock(second) != 0) {
    pthread_mutex_unlock(second); // should be first
    return 0;
  }
  return 1;
}

static void *a_to_b(void *arg) {
  (void)arg;
  // CHECK-DAG: :[[@LINE+2]]:11: warning: this call unlocks 'b', which is not held here [tangle-unlock-not-held]
  // CHECK-DAG: :[[@LINE+1]]:11: warning: this call unlocks 'b', which this path already unlocked [tangle-unlock-not-held]
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
  // CHECK-DAG: :[[@LINE+2]]:11: warning: this call unlocks 'a', which is not held here [tangle-unlock-not-held]
  // CHECK-DAG: :[[@LINE+1]]:11: warning: this call unlocks 'a', which this path already unlocked [tangle-unlock-not-held]
  while (!take_both(&b, &a))
    sched_yield();
  balance_b--;
  balance_a++;
  pthread_mutex_unlock(&a);
  pthread_mutex_unlock(&b);
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
