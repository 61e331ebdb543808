// A correct try-lock back-off: each thread takes its first lock, only
// TRIES the second, and on failure releases the first and starts again;
// take_both() returns 1 holding both locks and 0 holding none. The static
// checks follow the result into the callers' `while (!take_both(...))`, so
// they see both locks held after the loop and released by drop_both():
// no static warning (there used to be five, refuted by the exploration),
// and the complete exploration finds nothing either. Twin:
// check_static_trylock_wrong_unlock.c.
//
// RUN: %tangle check %s > %t.txt; test $? -eq 0
// RUN: FileCheck %s --input-file %t.txt
// RUN: %tangle check %s --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --check-prefix=JSON --input-file %t.json
//
// CHECK-NOT: warning
// CHECK: tangle: clean: no deadlock or lock misuse in {{.*}} (every interleaving explored{{.*}})
// CHECK-NOT: refuted
// JSON: "findings": []
// JSON-DAG: "counted": 0
// JSON-DAG: "findings": 0
// JSON-DAG: "verdict": "clean"
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
