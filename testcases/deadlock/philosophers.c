// Dining philosophers, N = 5, each takes the left fork then the right one.
// If all five pick up their left fork first, each waits for the right fork
// that the neighbour holds: a cycle of five waits. Fix: philosophers_ordered.c.
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
// CHECK-DAG: "object":{{ ?}}"fork_[{{[0-4]}}]"
// REPLAY-DAG: "verdict":{{ ?}}"bugs"
// REPLAY-DAG: "id":{{ ?}}"deadlock.cycle"
// TEXT-DAG: error: {{.*}}[deadlock.cycle]
// TEXT-DAG: fork_[{{[0-4]}}]
#include <pthread.h>

#define N 5

pthread_mutex_t fork_[N] = {
    PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER,
    PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER,
    PTHREAD_MUTEX_INITIALIZER};
int meals[N];

void *philosopher(void *arg) {
  int i = (int)(long)arg;
  pthread_mutex_lock(&fork_[i]); // left fork
  // TEXT-DAG: {{.*}}philosophers.c:[[@LINE+1]]:{{[0-9]+}}
  pthread_mutex_lock(&fork_[(i + 1) % N]); // right fork: the wait that cycles
  meals[i]++;
  pthread_mutex_unlock(&fork_[(i + 1) % N]);
  pthread_mutex_unlock(&fork_[i]);
  return NULL;
}

int main(void) {
  pthread_t t[N];
  for (long i = 0; i < N; i++)
    pthread_create(&t[i], NULL, philosopher, (void *)i);
  for (int i = 0; i < N; i++)
    pthread_join(t[i], NULL);
  return 0;
}
