// A worker looks at the pool's job count under the pool's lock 30 times (a
// loop that waits for work, C-Thread-Pool's thread_do), while main posts a
// job without taking the lock: a data race on `jobs`. The interleaving that
// shows it has 30 rounds of the worker's lock and unlock; the report lists
// one round and says how often it came again, so that the race's own steps
// and the end stay on the screen.
// Fix: post the job under the lock (-DFIXED: clean).
//
// RUN: %tangle check %s > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt
// RUN: %tangle check %s --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --check-prefix=JSON --input-file %t.json
// CHECK: error: data race on jobs: {{.*}}[race.data]
// CHECK: note: the interleaving,
// CHECK: thread 1 (worker)  lock    m {{.*}}poll_rounds_listed_once.c:[[# @LINE + 25]]
// CHECK-NEXT: thread 1 (worker)  unlock  m {{.*}}poll_rounds_listed_once.c:[[# @LINE + 26]]
// CHECK: ... the 2 steps above {{[12][0-9]}} more times, up to step {{[0-9]+}}
// CHECK-NEXT: thread 1 (worker)  exit
// CHECK: note: fix:
// RUN: %tangle check %s -- -DFIXED > %t.fixed.txt 2>&1
// RUN: FileCheck %s --check-prefix=FIXED --input-file %t.fixed.txt
// FIXED-NOT: error:
// FIXED: tangle: clean
// JSON: "group_length":{{ ?}}2
// JSON-DAG: "group_repeats":{{ ?}}{{[12][0-9]}}
#include <pthread.h>

#ifndef FIXED
#define FIXED 0
#endif

enum { Rounds = 30 };

pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
int jobs;

void *worker(void *arg) {
  int seen = 0;
  for (int i = 0; i < Rounds; ++i) {
    pthread_mutex_lock(&m);
    seen += jobs;
    pthread_mutex_unlock(&m);
  }
  return (void *)(long)seen;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, 0, worker, 0);
#if FIXED
  pthread_mutex_lock(&m);
  jobs = 1;
  pthread_mutex_unlock(&m);
#else
  jobs = 1; // no lock: the race
#endif
  pthread_join(t, 0);
  return 0;
}
