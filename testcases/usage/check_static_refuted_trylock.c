// One story per problem: a correct try-lock back-off (each thread takes its
// first lock, only TRIES the second, and on failure releases the first and
// starts again) draws five static warnings (a lock still held when
// take_both returns, unlocks of locks the caller does not seem to hold, a
// lock-order inversion and a race on `shared`: the static checks do not
// follow that take_both returns holding both locks only when it returns 1);
// the complete exploration shows none of them. The text report prints no
// warning line for them, only their count on the summary line; the JSON
// keeps them, not counted.
//
// RUN: %tangle check %s > %t.txt; test $? -eq 0
// RUN: FileCheck %s --input-file %t.txt
// RUN: %tangle check %s --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --check-prefix=JSON --input-file %t.json
//
// CHECK-NOT: warning
// CHECK: tangle: clean: no deadlock or lock misuse in {{.*}} (every interleaving explored{{.*}}); 5 static warnings refuted by the exploration
// JSON: "findings": [
// JSON-NEXT: {
// JSON-NEXT: "confirmation": "not-confirmed",
// JSON-NEXT: "counted": false,
// JSON-NEXT: "id": "tangle-lock-order-inversion",
// JSON: "confirmation": "not-confirmed",
// JSON-NEXT: "counted": false,
// JSON-NEXT: "id": "tangle-missing-unlock",
// JSON: "confirmation": "not-confirmed",
// JSON-NEXT: "counted": false,
// JSON-NEXT: "id": "tangle-shared-global-unlocked",
// JSON: "confirmation": "not-confirmed",
// JSON-NEXT: "counted": false,
// JSON-NEXT: "id": "tangle-unlock-not-held",
// JSON: "confirmation": "not-confirmed",
// JSON-NEXT: "counted": false,
// JSON-NEXT: "id": "tangle-unlock-not-held",
// JSON: "verdict": "clean"
#include <pthread.h>
#include <sched.h>

pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t b = PTHREAD_MUTEX_INITIALIZER;
int shared;

static int take_both(pthread_mutex_t *first, pthread_mutex_t *second) {
  pthread_mutex_lock(first);
  int busy = pthread_mutex_trylock(second);
  if (busy) {
    pthread_mutex_unlock(first);
    return 0;
  }
  return 1;
}

static void drop_both(pthread_mutex_t *first, pthread_mutex_t *second) {
  pthread_mutex_unlock(second);
  pthread_mutex_unlock(first);
}

void *one(void *arg) {
  while (!take_both(&a, &b))
    sched_yield();
  shared++;
  drop_both(&a, &b);
  return NULL;
}

void *two(void *arg) {
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
