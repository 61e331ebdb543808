// Twin of philosophers_one_thread.c: each philosopher takes the
// lower-numbered fork first, so every order goes up the array: no cycle.
//
// RUN: %tangle check %s > %t.txt; test $? -eq 0
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// RUN: %tangle check %s --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --check-prefix=JSON --input-file %t.json
// TEXT-NOT: lock.order-inversion
// TEXT: tangle: clean: no deadlock or lock misuse in {{.*}} (every interleaving explored, {{[^;]*}}){{$}}
// JSON-NOT: lock.order-inversion
// JSON-DAG: "verdict":{{ ?}}"clean"
#include <pthread.h>

#define N 5
pthread_mutex_t fork_[N];
int meals[N];

void dine(int i) {
  int left = i, right = (i + 1) % N;
  int first = left < right ? left : right, second = left < right ? right : left;
  pthread_mutex_lock(&fork_[first]);
  pthread_mutex_lock(&fork_[second]);
  meals[i]++;
  pthread_mutex_unlock(&fork_[second]);
  pthread_mutex_unlock(&fork_[first]);
}

int main(void) {
  for (int i = 0; i < N; i++)
    pthread_mutex_init(&fork_[i], NULL);
  for (int i = 0; i < N; i++)
    dine(i);
  return 0;
}
