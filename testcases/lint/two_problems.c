// Two problems, two warnings: the twin of one_problem_many_contexts.c.
// 'bwritten' is updated without a lock by the downloaders and 'retries' by
// the watchers; the two races share no site, so neither is a note of the
// other. The reads after the joins are ordered by them: no third warning.
// Fix: a mutex around each update, or make both _Atomic.
//
// RUN: %tangle-lint %s -- > %t.txt; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt --implicit-check-not=warning: --implicit-check-not='also {{read|written}} here'
#include <pthread.h>
#include <stdio.h>

static long bwritten; // written by the downloaders without a lock
static long retries;  // written by the watchers without a lock

static void *http_get(void *arg) {
  for (int i = 0; i < 100; i++)
    // CHECK: two_problems.c:[[@LINE+1]]:5: warning: 'bwritten' is written in thread 'http_get' #1 and written in thread 'http_get' #2 with no lock held by both: a data race [tangle-shared-global-unlocked]
    bwritten += (long)arg;
  return NULL;
}

static void *watcher(void *arg) {
  (void)arg;
  for (int i = 0; i < 10; i++)
    // CHECK: two_problems.c:[[@LINE+1]]:5: warning: 'retries' is written in thread 'watcher' #1 and written in thread 'watcher' #2 with no lock held by both: a data race [tangle-shared-global-unlocked]
    retries++;
  return NULL;
}

int main(void) {
  pthread_t get1, get2, watch1, watch2;
  pthread_create(&get1, NULL, http_get, (void *)1);
  pthread_create(&get2, NULL, http_get, (void *)2);
  pthread_create(&watch1, NULL, watcher, NULL);
  pthread_create(&watch2, NULL, watcher, NULL);
  pthread_join(get1, NULL);
  pthread_join(get2, NULL);
  pthread_join(watch1, NULL);
  pthread_join(watch2, NULL);
  printf("%ld %ld\n", bwritten, retries);
  return 0;
}
// CHECK: 2 findings by tangle-lint.
