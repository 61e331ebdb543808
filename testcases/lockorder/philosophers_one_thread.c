// Dining philosophers run by one thread, one philosopher after the other:
// each takes its left fork, then its right, so the last takes fork_[4]
// then fork_[0] and the five lock orders form a cycle. One thread cannot
// deadlock with itself; five philosopher threads would. One warning.
// Twin: philosophers_one_thread_ordered.c.
//
// RUN: %tangle check %s > %t.txt; test $? -eq 0
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// RUN: %tangle check %s --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --check-prefix=JSON --input-file %t.json
// TEXT: warning: lock-order inversion: main thread takes fork_[0] then fork_[1] in dine, fork_[1] then fork_[2] in dine, fork_[2] then fork_[3] in dine, fork_[3] then fork_[4] in dine and fork_[4] then fork_[0] in dine; it cannot deadlock here, since one thread (main thread) takes both orders, but it would if these lock sections ever ran in 5 threads at once [lock.order-inversion] (dynamic, not counted)
// TEXT-NOT: [lock.order-inversion]
// TEXT: note: fix: Take these locks in one global order everywhere (always lock fork_[0] before fork_[1] before fork_[2] before fork_[3] before fork_[4])
// TEXT: tangle: clean: {{.*}}; 1 lock-order warning, not counted
// JSON-DAG: "verdict":{{ ?}}"clean"
// JSON-DAG: "reason":{{ ?}}"same-thread"
#include <pthread.h>

#define N 5
pthread_mutex_t fork_[N];
int meals[N];

void dine(int i) {
  pthread_mutex_lock(&fork_[i]);
  pthread_mutex_lock(&fork_[(i + 1) % N]);
  meals[i]++;
  pthread_mutex_unlock(&fork_[(i + 1) % N]);
  pthread_mutex_unlock(&fork_[i]);
}

int main(void) {
  for (int i = 0; i < N; i++)
    pthread_mutex_init(&fork_[i], NULL);
  for (int i = 0; i < N; i++)
    dine(i);
  return 0;
}
