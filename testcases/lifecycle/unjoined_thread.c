// A thread that is neither joined nor detached: the join loop stops one
// short (i < N - 1), so the last worker is never joined. Its resources are
// never reclaimed and main may even return before it has finished.
// Fix: joined_all.c (or detach it, detached.c).
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: %tangle check %s > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// RUN: %python %S/../Inputs/schedule.py %t.json lifecycle.unjoined-thread > %t.schedule
// RUN: %tangle replay --schedule "$(cat %t.schedule)" %s --format json > %t.replay.json; test $? -eq 1
// RUN: FileCheck %s --check-prefix=REPLAY --input-file %t.replay.json
//
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"lifecycle.unjoined-thread"
// REPLAY: "id":{{ ?}}"lifecycle.unjoined-thread"
// TEXT-DAG: error: {{.*}}[lifecycle.unjoined-thread]
#include <pthread.h>

#define N 3

int squares[N]; // each worker writes only its own entry

void *worker(void *arg) {
  int i = (int)(long)arg;
  squares[i] = i * i;
  return NULL;
}

int main(void) {
  pthread_t t[N];
  for (long i = 0; i < N; i++) {
    // TEXT-DAG: {{.*}}unjoined_thread.c:[[@LINE+1]]
    pthread_create(&t[i], NULL, worker, (void *)i); // where it was created
  }
  // bug: the join loop should run while i < N
  for (int i = 0; i < N - 1; i++)
    pthread_join(t[i], NULL);
  return 0;
}
