// Each thread writes only its own element of a global array, indexed by the
// id it was started with: no two threads touch the same element. A shared
// total and a constant index stay races. Clean twin: own_elements_clean.c.
//
// RUN: %tangle-lint %s -- > %t.txt; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt --implicit-check-not=warning:
#include <pthread.h>

#define N 4

static long results[N];
static long total;
static long first[N];

static void *work(void *arg) {
  long id = (long)arg;
  results[id] = id * id; // own element: not reported
  // CHECK: :[[@LINE+1]]:3: warning: 'total' is written in thread 'work' and written in another instance of thread 'work' with no lock held by both: a data race [tangle-shared-global-unlocked]
  total += results[id];
  // CHECK: :[[@LINE+1]]:3: warning: 'first' is written in thread 'work' and written in another instance of thread 'work' with no lock held by both: a data race [tangle-shared-global-unlocked]
  first[0] = id;
  return NULL;
}

int main(void) {
  pthread_t t[N];
  for (long i = 0; i < N; i++)
    pthread_create(&t[i], NULL, work, (void *)i);
  for (long i = 0; i < N; i++)
    pthread_join(t[i], NULL);
  return 0;
}
