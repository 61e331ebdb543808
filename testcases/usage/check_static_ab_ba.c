// `tangle check FILE.c` on the AB/BA deadlock: the exploration finds the
// deadlock (deadlock.cycle, marked dynamic) and the static checks the
// lock-order inversion, which the deadlock confirms: one story, the static
// warning a note under the deadlock, not a second warning.
//
// RUN: %tangle check %s > %t.txt; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt
// RUN: %tangle check %s --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --check-prefix=JSON --input-file %t.json
//
// CHECK: error: deadlock: {{.*}} [deadlock.cycle] (dynamic)
// CHECK: check_static_ab_ba.c:[[@LINE+18]]:3: note: the static checks warn of this too: lock-order inversion: {{.*}} [tangle-lock-order-inversion]
// CHECK-NEXT: note: fix:
// CHECK-NOT: warning:
// CHECK: tangle: bugs: 1 finding in {{.*}}; static checks: 1 finding
// JSON-DAG: "verdict": "bugs"
// JSON-DAG: "source": "dynamic"
// JSON-DAG: "id": "deadlock.cycle"
// JSON-DAG: "source": "static"
// JSON-DAG: "id": "tangle-lock-order-inversion"
// JSON-DAG: "confirmation": "confirmed"
// JSON-DAG: "confirmed_by": "deadlock.cycle"
#include <pthread.h>

pthread_mutex_t A = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t B = PTHREAD_MUTEX_INITIALIZER;

void *t1(void *arg) {
  pthread_mutex_lock(&A);
  pthread_mutex_lock(&B);
  pthread_mutex_unlock(&B);
  pthread_mutex_unlock(&A);
  return NULL;
}

void *t2(void *arg) {
  pthread_mutex_lock(&B);
  pthread_mutex_lock(&A);
  pthread_mutex_unlock(&A);
  pthread_mutex_unlock(&B);
  return NULL;
}

int main(void) {
  pthread_t x, y;
  pthread_create(&x, NULL, t1, NULL);
  pthread_create(&y, NULL, t2, NULL);
  pthread_join(x, NULL);
  pthread_join(y, NULL);
  return 0;
}
