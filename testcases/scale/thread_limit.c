// 5,000 detached threads, one after another. A detached thread is never
// joined, so its number is never given to a later thread (nothing orders
// its end before that thread's steps): past the 4,096 thread numbers the
// execution stops at the thread limit. The exploration is incomplete and
// says so; not a finding. Twin: short_lived_threads.c, whose threads are
// joined and reuse one number.
//
// RUN: %tangle check %s --max-executions 1 --format json > %t.json; test $? -eq 3
// RUN: FileCheck %s --input-file %t.json
//
// CHECK-DAG: "verdict":{{ ?}}"incomplete"
// CHECK-DAG: "stopped_by":{{ ?}}"thread-limit"
// CHECK-DAG: "limit":{{ ?}}"the program had more than 4096 threads at once{{.*}}"
// CHECK-DAG: "findings":{{ ?}}[]
#include <pthread.h>
#include <semaphore.h>

#define N 5000

static sem_t started;

static void *work(void *arg) {
  (void)arg;
  sem_post(&started);
  return NULL;
}

int main(void) {
  pthread_attr_t detached;
  pthread_attr_init(&detached);
  pthread_attr_setdetachstate(&detached, PTHREAD_CREATE_DETACHED);
  sem_init(&started, 0, 0);
  for (int i = 0; i < N; i++) {
    pthread_t t;
    pthread_create(&t, &detached, work, NULL);
    sem_wait(&started);
  }
  return 0;
}
