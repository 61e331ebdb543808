// A longer cycle: thread i takes lock i then lock (i+1) % 3. The deadlock
// needs all three threads, each holding its first lock; the report names
// every thread and lock of the cycle, not just two.
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: %python %S/../Inputs/schedule.py %t.json deadlock.cycle > %t.schedule
// RUN: %tangle replay --schedule "$(cat %t.schedule)" %s --format json > %t.replay.json; test $? -eq 1
// RUN: FileCheck %s --check-prefix=REPLAY --input-file %t.replay.json
//
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"deadlock.cycle"
// CHECK-DAG: "object":{{ ?}}"lock_a"
// CHECK-DAG: "object":{{ ?}}"lock_b"
// CHECK-DAG: "object":{{ ?}}"lock_c"
// REPLAY: "id":{{ ?}}"deadlock.cycle"
#include <pthread.h>

pthread_mutex_t lock_a = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t lock_b = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t lock_c = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t *locks[3] = {&lock_a, &lock_b, &lock_c};

void *worker(void *arg) {
  int i = (int)(long)arg;
  pthread_mutex_lock(locks[i]);
  pthread_mutex_lock(locks[(i + 1) % 3]);
  pthread_mutex_unlock(locks[(i + 1) % 3]);
  pthread_mutex_unlock(locks[i]);
  return NULL;
}

int main(void) {
  pthread_t t[3];
  for (long i = 0; i < 3; i++)
    pthread_create(&t[i], NULL, worker, (void *)i);
  for (int i = 0; i < 3; i++)
    pthread_join(t[i], NULL);
  return 0;
}
