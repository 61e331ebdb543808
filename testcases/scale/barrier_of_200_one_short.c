// barrier_of_200.c with a barrier of 201 for 200 threads: the
// 200 arrivals wait for one more that never comes.
//
// RUN: %tangle check %s --max-executions 1 --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
//
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"deadlock.stall"
// CHECK-DAG: barrier of 201 with 200 arrived
#include <pthread.h>

#define N 200

static pthread_barrier_t barrier;

static void *work(void *arg) {
  (void)arg;
  pthread_barrier_wait(&barrier);
  return NULL;
}

int main(void) {
  static pthread_t t[N];
  pthread_barrier_init(&barrier, NULL, N + 1);
  for (int i = 0; i < N; i++)
    pthread_create(&t[i], NULL, work, NULL);
  for (int i = 0; i < N; i++)
    pthread_join(t[i], NULL);
  return 0;
}
