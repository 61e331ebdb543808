// A static lock warning that the exploration does not confirm: t2 takes the
// locks in the opposite order only when `mode` is 3, which this program
// never sets. The static check sees both branches and warns of a lock-order
// inversion; the exploration, exact for this program and input, explores
// every interleaving and finds no deadlock. The warning is shown, "not
// confirmed by the exploration", and does not change the verdict: clean.
//
// RUN: %tangle check %s > %t.txt; test $? -eq 0
// RUN: FileCheck %s --input-file %t.txt
// RUN: %tangle check %s --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --check-prefix=JSON --input-file %t.json
//
// CHECK: warning: lock-order inversion: {{.*}} [tangle-lock-order-inversion] (static)
// CHECK: note: not confirmed by the exploration: every interleaving was explored and none shows it; not counted in the verdict
// CHECK: tangle: clean: no deadlock or lock misuse in {{.*}}; static checks: 1 finding, 1 not counted
// JSON-DAG: "verdict": "clean"
// JSON-DAG: "source": "static"
// JSON-DAG: "confirmation": "not-confirmed"
// JSON-DAG: "counted": false
#include <pthread.h>

pthread_mutex_t A = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t B = PTHREAD_MUTEX_INITIALIZER;
int mode;

void *t1(void *arg) {
  pthread_mutex_lock(&A);
  pthread_mutex_lock(&B);
  pthread_mutex_unlock(&B);
  pthread_mutex_unlock(&A);
  return NULL;
}

void *t2(void *arg) {
  if (mode == 3) {
    pthread_mutex_lock(&B);
    pthread_mutex_lock(&A);
  } else {
    pthread_mutex_lock(&A);
    pthread_mutex_lock(&B);
  }
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
