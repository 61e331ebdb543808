// One story per problem: the static checks do not follow a lock taken and
// released under two separate `if (locking)` (they see the path that
// unlocks without locking, the one that locks and returns holding the
// lock, and `count++` with no lock), so this correct program draws several
// static warnings; the complete exploration, with `locking` always 1,
// shows none of them. The text report prints no warning line for them, only
// their count on the summary line; the JSON keeps them, not counted.
//
// RUN: %tangle check %s > %t.txt; test $? -eq 0
// RUN: FileCheck %s --input-file %t.txt
// RUN: %tangle check %s --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --check-prefix=JSON --input-file %t.json
//
// CHECK-NOT: warning
// CHECK: tangle: clean: no deadlock or lock misuse in {{.*}} (every interleaving explored{{.*}}); {{[2-9]}} static warnings refuted by the exploration
// JSON-DAG: "verdict": "clean"
// JSON-DAG: "id": "tangle-missing-unlock"
// JSON-DAG: "id": "tangle-unlock-not-held"
// JSON-DAG: "confirmation": "not-confirmed"
// JSON-DAG: "counted": false
// JSON-NOT: "counted": true
#include <pthread.h>

pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
int locking = 1; // never changed
int count;

void *worker(void *arg) {
  if (locking)
    pthread_mutex_lock(&m);
  count++;
  if (locking)
    pthread_mutex_unlock(&m);
  return arg;
}

int main(void) {
  pthread_t x, y;
  pthread_create(&x, NULL, worker, NULL);
  pthread_create(&y, NULL, worker, NULL);
  pthread_join(x, NULL);
  pthread_join(y, NULL);
  return count == 2 ? 0 : 1;
}
