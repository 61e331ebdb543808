// take_both.c with one caller that forgets a lock the helper returned
// holding: b_to_a releases `b` but not `a`, so its thread ends holding `a`
// (and a_to_b can then never take it). The helper is still correct: the
// warning is the caller's, and names the caller's lock `a`.
//
// RUN: %tangle-lint %s -- > %t.txt; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt --implicit-check-not=warning:
// RUN: %tangle-lint --format=json %s -- > %t.json; test $? -eq 1
// RUN: FileCheck %s --check-prefix=JSON --input-file %t.json
// JSON: "id": "tangle-missing-unlock"
// JSON: "summary": "'a' is still held when 'b_to_a' returns and its thread ends"
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
  pthread_mutex_unlock(&b);
  // CHECK: :[[@LINE+1]]:3: warning: 'a' is still held when 'b_to_a' returns and its thread ends [tangle-missing-unlock]
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
