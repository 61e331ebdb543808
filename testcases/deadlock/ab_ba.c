// The classic AB/BA deadlock: thread 1 takes A then B, thread 2 takes B then
// A. If each gets its first lock before the other's second, both wait forever.
// Fix: take the locks in one global order (see ab_ab_same_order.c).
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: %tangle check %s > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// RUN: %python %S/../Inputs/schedule.py %t.json deadlock.cycle > %t.schedule
// RUN: %tangle replay --schedule "$(cat %t.schedule)" %s --format json > %t.replay.json; test $? -eq 1
// RUN: FileCheck %s --check-prefix=REPLAY --input-file %t.replay.json
//
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"deadlock.cycle"
// CHECK-DAG: "schedule":
// REPLAY-DAG: "verdict":{{ ?}}"bugs"
// REPLAY-DAG: "id":{{ ?}}"deadlock.cycle"
// TEXT-DAG: error: {{.*}}[deadlock.cycle]
#include <pthread.h>

pthread_mutex_t A = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t B = PTHREAD_MUTEX_INITIALIZER;
int shared;

void *t1(void *arg) {
  pthread_mutex_lock(&A);
  // TEXT-DAG: {{.*}}ab_ba.c:[[@LINE+1]]:{{[0-9]+}}
  pthread_mutex_lock(&B); // waits for B while holding A
  shared++;
  pthread_mutex_unlock(&B);
  pthread_mutex_unlock(&A);
  return NULL;
}

void *t2(void *arg) {
  pthread_mutex_lock(&B);
  // TEXT-DAG: {{.*}}ab_ba.c:[[@LINE+1]]:{{[0-9]+}}
  pthread_mutex_lock(&A); // waits for A while holding B
  shared--;
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
