// 200 threads meet at a barrier of 200: every one arrives, and the last
// arrival lets them all go. The model keeps every waiter, however many
// (model/objects/thread_set.h; it used to keep 64 and drop the rest).
// Twin: barrier_of_200_one_short.c.
//
// RUN: %tangle check %s --max-executions 1 --format json > %t.json; test $? -eq 3
// RUN: FileCheck %s --input-file %t.json
//
// CHECK-DAG: "verdict":{{ ?}}"incomplete"
// CHECK-DAG: "stopped_by":{{ ?}}"max-executions"
// CHECK-DAG: "findings":{{ ?}}[]
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
  pthread_barrier_init(&barrier, NULL, N);
  for (int i = 0; i < N; i++)
    pthread_create(&t[i], NULL, work, NULL);
  for (int i = 0; i < N; i++)
    pthread_join(t[i], NULL);
  return 0;
}
