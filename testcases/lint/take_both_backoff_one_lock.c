// take_both_backoff.c with the helper returning the trylock's own result,
// as if non-zero meant success: pthread_mutex_trylock returns 0 when it
// gets the lock. So take_both() returns non-zero holding only `first`, and
// the caller, taking that for success, unlocks `b`, which it does not
// hold; when the try succeeds it returns 0 holding both, and the caller
// retries with `a` still held, so no caller ever unlocks the `second` of a
// 0: the helper is warned of that. Fix: back off (unlock `first`) and
// return 0 when the try fails, 1 when it succeeds.
//
// RUN: %tangle-lint %s -- > %t.txt; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt --implicit-check-not=warning:
// RUN: %tangle-lint --format=json %s -- > %t.json; test $? -eq 1
// RUN: FileCheck %s --check-prefix=JSON --input-file %t.json
// JSON-DAG: "id": "tangle-unlock-not-held"
// JSON-DAG: "summary": "'b' is unlocked but not held here"
// JSON-DAG: "id": "tangle-missing-unlock"
#include <pthread.h>
#include <sched.h>

pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t b = PTHREAD_MUTEX_INITIALIZER;
long balance_a = 100, balance_b = 100;

static int take_both(pthread_mutex_t *first, pthread_mutex_t *second) {
  pthread_mutex_lock(first);
  // CHECK-DAG: :[[@LINE+1]]:3: warning: 'second' is still held when 'take_both' returns on this path [tangle-missing-unlock]
  return pthread_mutex_trylock(second);
}

static void *a_to_b(void *arg) {
  (void)arg;
  while (!take_both(&a, &b))
    sched_yield();
  balance_a--;
  balance_b++;
  // CHECK-DAG: :[[@LINE+1]]:3: warning: 'b' is unlocked but not held here [tangle-unlock-not-held]
  pthread_mutex_unlock(&b);
  pthread_mutex_unlock(&a);
  return 0;
}

int main(void) {
  pthread_t t1;
  pthread_create(&t1, 0, a_to_b, 0);
  pthread_join(t1, 0);
  return balance_a + balance_b == 200 ? 0 : 1;
}
