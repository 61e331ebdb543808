// --jobs, the clean twin of jobs_philosophers.c: each philosopher takes the
// lower-numbered fork first. Two workers prove it clean in exactly as many
// executions as one (5,730 for five philosophers and two rounds: every
// Mazurkiewicz trace once). Five, not four: four (786 executions) ends in
// under 0.25 s in a reuse worker, before a second worker would start.
// DPOR alone: on a loaded machine the portfolio would add random schedules
// to the count.
//
// RUN: %tangle check %s --no-lint --strategy dpor --jobs 2 --format json > %t.2.json
// RUN: %tangle check %s --no-lint --strategy dpor --jobs 1 --format json > %t.1.json
// RUN: FileCheck %s --check-prefixes=CHECK,TWO --input-file %t.2.json
// RUN: FileCheck %s --input-file %t.1.json
// --jobs auto: one worker per CPU tangle may run on (as many as took part,
// at least two where there are two CPUs), the same count:
// RUN: %tangle check %s --no-lint --strategy dpor --jobs auto --format json > %t.auto.json
// RUN: FileCheck %s --input-file %t.auto.json
// RUN: %python -c "import json,os,sys; e=json.load(open(sys.argv[1]))['explored']; n=len(os.sched_getaffinity(0)); j=e['coverage']['jobs']; sys.exit(not (1 <= j <= n and (n == 1 or j >= 2)))" %t.auto.json
//
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "executions":{{ ?}}5730
// Both workers took part (the exploration outlasts the 0.25 s before the
// second starts):
// TWO-DAG: "jobs":{{ ?}}2
#include <pthread.h>
#include <stdint.h>

#define N 5

static pthread_mutex_t fork_[N];

static void *philosopher(void *arg) {
  int i = (int)(intptr_t)arg;
  int first = i, second = (i + 1) % N;
  if (second < first) {
    int t = first;
    first = second;
    second = t;
  }
  for (int r = 0; r < 2; ++r) {
    pthread_mutex_lock(&fork_[first]);
    pthread_mutex_lock(&fork_[second]);
    pthread_mutex_unlock(&fork_[second]);
    pthread_mutex_unlock(&fork_[first]);
  }
  return 0;
}

int main(void) {
  pthread_t t[N];
  for (int i = 0; i < N; ++i)
    pthread_mutex_init(&fork_[i], 0);
  for (intptr_t i = 0; i < N; ++i)
    pthread_create(&t[i], 0, philosopher, (void *)i);
  for (int i = 0; i < N; ++i)
    pthread_join(t[i], 0);
  return 0;
}
