// A limit stops exploration before it is complete: the ordered philosophers
// (N = 3) need several executions to prove clean, and --max-executions 1
// allows one. Without findings that is verdict "incomplete", exit code 3,
// never "clean".
//
// RUN: %tangle check %s --format json --max-executions 1 > %t.json; test $? -eq 3
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"incomplete"
// CHECK-DAG: "complete":{{ ?}}false
// CHECK-DAG: "executions":{{ ?}}1{{[^0-9]}}
#include <pthread.h>

#define N 3

pthread_mutex_t fork_[N] = {PTHREAD_MUTEX_INITIALIZER,
                            PTHREAD_MUTEX_INITIALIZER,
                            PTHREAD_MUTEX_INITIALIZER};

void *philosopher(void *arg) {
  int i = (int)(long)arg;
  int a = i, b = (i + 1) % N;
  int first = a < b ? a : b, second = a < b ? b : a;
  pthread_mutex_lock(&fork_[first]);
  pthread_mutex_lock(&fork_[second]);
  pthread_mutex_unlock(&fork_[second]);
  pthread_mutex_unlock(&fork_[first]);
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
