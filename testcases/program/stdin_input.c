// A program whose behaviour depends on its input: it reads a number from
// stdin, and with 3 the second thread takes the locks in the opposite order
// (AB/BA deadlock); with any other number both use the same order. tangle
// gives every execution the same input, so each verdict belongs to one input.
//
// RUN: echo 3 | %tangle check %s --stdin - --format json > %t.bug.json; test $? -eq 1
// RUN: FileCheck %s --check-prefix=BUG --input-file %t.bug.json
// RUN: %python %S/../Inputs/schedule.py %t.bug.json deadlock.cycle > %t.schedule
// RUN: echo 3 | %tangle replay --schedule "$(cat %t.schedule)" %s --stdin - --format json > %t.replay.json; test $? -eq 1
// RUN: FileCheck %s --check-prefix=BUG --input-file %t.replay.json
// RUN: echo 1 | %tangle check %s --stdin - --format json > %t.ok.json; test $? -eq 0
// RUN: FileCheck %s --check-prefix=OK --input-file %t.ok.json
//
// BUG-DAG: "verdict":{{ ?}}"bugs"
// BUG-DAG: "id":{{ ?}}"deadlock.cycle"
// OK-DAG: "verdict":{{ ?}}"clean"
// OK-DAG: "complete":{{ ?}}true
#include <pthread.h>
#include <stdio.h>

pthread_mutex_t A = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t B = PTHREAD_MUTEX_INITIALIZER;
int mode, shared;

void *t1(void *arg) {
  pthread_mutex_lock(&A);
  pthread_mutex_lock(&B);
  shared++;
  pthread_mutex_unlock(&B);
  pthread_mutex_unlock(&A);
  return NULL;
}

void *t2(void *arg) {
  pthread_mutex_t *first = mode == 3 ? &B : &A; // input 3: opposite order
  pthread_mutex_t *second = mode == 3 ? &A : &B;
  pthread_mutex_lock(first);
  pthread_mutex_lock(second);
  shared--;
  pthread_mutex_unlock(second);
  pthread_mutex_unlock(first);
  return NULL;
}

int main(void) {
  if (scanf("%d", &mode) != 1)
    return 2;
  pthread_t x, y;
  pthread_create(&x, NULL, t1, NULL);
  pthread_create(&y, NULL, t2, NULL);
  pthread_join(x, NULL);
  pthread_join(y, NULL);
  return 0;
}
