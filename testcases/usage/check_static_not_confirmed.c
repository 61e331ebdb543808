// A static lock warning that the exploration does not confirm: t2 takes the
// locks in the opposite order only when `mode` is 3, which this program
// never sets. The static check sees both branches and warns of a lock-order
// inversion; the exploration, exact for this program and input, explores
// every interleaving and finds no deadlock. The text leaves the refuted
// warning out (only the summary line counts it); the JSON keeps it, not
// counted; the verdict is clean.
//
// RUN: %tangle check %s > %t.txt; test $? -eq 0
// RUN: FileCheck %s --input-file %t.txt
// RUN: %tangle check %s --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --check-prefix=JSON --input-file %t.json
//
// CHECK-NOT: warning
// CHECK: tangle: clean: no deadlock or lock misuse in {{.*}} (every interleaving explored, {{.*}}); 1 static warning refuted by the exploration
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
