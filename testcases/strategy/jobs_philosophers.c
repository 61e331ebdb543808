// --jobs: the same deadlock whatever the number of workers. Four
// philosophers each take the left fork, then the right one: every
// order of the forks is explored, by two workers (each with its own copy of
// the program) or by one, and both find the cycle, in as many complete
// executions. Fix: jobs_philosophers_ordered.c.
//
// RUN: %tangle check %s --no-lint --jobs 2 > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt
// RUN: %tangle check %s --no-lint --strategy dpor --jobs 2 --format json > %t.2.json; test $? -eq 1
// RUN: %tangle check %s --no-lint --strategy dpor --jobs 1 --format json > %t.1.json; test $? -eq 1
// RUN: %python -c "import json,sys; a,b=(json.load(open(p)) for p in sys.argv[1:]); f=lambda r: sorted(x['id'] for x in r['findings']); sys.exit(not (f(a)==f(b)==['deadlock.cycle'] and a['explored']['executions']==b['explored']['executions'] and a['explored']['complete'] and b['explored']['coverage']['jobs']==1))" %t.2.json %t.1.json
// A --jobs that is not a whole number from 1 to 256 (or auto) is refused:
// RUN: %tangle check %s --no-lint --jobs 0 > %t.bad.txt 2>&1; test $? -eq 2
// RUN: FileCheck %s --check-prefix=BAD --input-file %t.bad.txt
//
// CHECK: jobs_philosophers.c:[[@LINE+13]]:{{[0-9]+}}: error: {{.*}}[deadlock.cycle]
// CHECK: tangle: bugs:
// BAD: tangle: error: --jobs expects a whole number from 1 to 256 or 'auto', got '0'
#include <pthread.h>
#include <stdint.h>

#define N 4

static pthread_mutex_t fork_[N];

static void *philosopher(void *arg) {
  int i = (int)(intptr_t)arg;
  pthread_mutex_lock(&fork_[i]);
  pthread_mutex_lock(&fork_[(i + 1) % N]);
  pthread_mutex_unlock(&fork_[(i + 1) % N]);
  pthread_mutex_unlock(&fork_[i]);
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
