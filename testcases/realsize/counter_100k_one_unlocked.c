// counter_100k.c, but the last thread increments without taking the lock
// (a student "optimised" it away for one worker). Its writes race with the
// others' locked writes: nothing orders them. Found in the first execution,
// 800,000 steps long, without exploring further; the schedule replays it
// (checked on the replay's text report). Fix: counter_100k.c (every increment
// under the lock).
//
// RUN: %tangle check %s --no-lint --max-executions 1 --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: %python %S/../Inputs/schedule.py %t.json race.data > %t.schedule
// RUN: %tangle replay --schedule "$(cat %t.schedule)" %s > %t.replay 2>&1; test $? -eq 1
// RUN: FileCheck %s --check-prefix=REPLAY --input-file %t.replay
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"race.data"
#include <pthread.h>
#include <stdio.h>

#define THREADS 4
#define ITERATIONS 100000

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static long counter;

static void *work(void *arg) {
  long id = (long)arg;
  for (int i = 0; i < ITERATIONS; i++) {
    if (id == THREADS - 1) {
      // REPLAY: counter_100k_one_unlocked.c:[[@LINE+1]]:{{[0-9]+}}: error: data race on counter: {{.*}}holding no lock{{.*}}[race.data]
      counter++; // forgot the lock
      continue;
    }
    pthread_mutex_lock(&lock);
    counter++;
    pthread_mutex_unlock(&lock);
  }
  return NULL;
}

int main(void) {
  pthread_t t[THREADS];
  for (long i = 0; i < THREADS; i++)
    pthread_create(&t[i], NULL, work, (void *)i);
  for (int i = 0; i < THREADS; i++)
    pthread_join(t[i], NULL);
  printf("%ld\n", counter);
  return 0;
}
