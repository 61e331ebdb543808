// check_static_trylock_backoff.c with the back-off giving back the wrong
// lock: when the try of `second` fails, take_both() unlocks `second`,
// which the other thread holds, instead of `first`. The static check warns
// at the caller's call (it unlocks the caller's second lock, not held
// there), and the exploration confirms it: a thread unlocks a mutex it
// does not own. Fix: on failure unlock `first`.
//
// RUN: %tangle check %s > %t.txt; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt
// RUN: %tangle check %s --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --check-prefix=JSON --input-file %t.json
//
// CHECK-DAG: error: thread {{[12]}} ({{one|two}}) unlocks {{a|b}}, which it does not hold {{.*}}[lock.unlock-not-owner] (dynamic)
// JSON-DAG: "id": "lock.unlock-not-owner"
// JSON-DAG: "confirmation": "confirmed"
// JSON-DAG: "id": "tangle-unlock-not-held"
// JSON-DAG: "verdict": "bugs"
// JSON-NOT: "not-confirmed"
#include <pthread.h>
#include <sched.h>

pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t b = PTHREAD_MUTEX_INITIALIZER;
int shared;

static int take_both(pthread_mutex_t *first, pthread_mutex_t *second) {
  pthread_mutex_lock(first);
  int busy = pthread_mutex_trylock(second);
  if (busy) {
    pthread_mutex_unlock(second); // should be first
    return 0;
  }
  return 1;
}

static void drop_both(pthread_mutex_t *first, pthread_mutex_t *second) {
  pthread_mutex_unlock(second);
  pthread_mutex_unlock(first);
}

void *one(void *arg) {
  // CHECK-DAG: wrong_unlock.c:[[@LINE+1]]:11: note: the static checks warn of this too: this call unlocks 'b', which is not held here [tangle-unlock-not-held]
  while (!take_both(&a, &b))
    sched_yield();
  shared++;
  drop_both(&a, &b);
  return NULL;
}

void *two(void *arg) {
  // CHECK-DAG: wrong_unlock.c:[[@LINE+1]]:11: note: the static checks warn of this too: this call unlocks 'a', which is not held here [tangle-unlock-not-held]
  while (!take_both(&b, &a))
    sched_yield();
  shared--;
  drop_both(&b, &a);
  return NULL;
}

int main(void) {
  pthread_t x, y;
  pthread_create(&x, NULL, one, NULL);
  pthread_create(&y, NULL, two, NULL);
  pthread_join(x, NULL);
  pthread_join(y, NULL);
  return 0;
}
// CHECK: tangle: bugs: {{.*}}; static checks: 4 findings
