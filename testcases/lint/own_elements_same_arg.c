// Threads index a global array by a value from their argument, but every
// thread is given the same argument: they all write the same element.
//
// RUN: %tangle-lint %s -- > %t.txt; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt --implicit-check-not=warning:
#include <pthread.h>

#define N 4

struct config {
  int slot;
};

static long results[N];
static struct config shared_config = {1};

static void *work(void *arg) {
  struct config *c = arg;
  // CHECK: :[[@LINE+1]]:3: warning: 'results' is written in thread 'work' and written in another instance of thread 'work' with no lock held by both: a data race [tangle-shared-global-unlocked]
  results[c->slot]++;
  return NULL;
}

int main(void) {
  pthread_t t[N];
  for (int i = 0; i < N; i++)
    pthread_create(&t[i], NULL, work, &shared_config);
  for (int i = 0; i < N; i++)
    pthread_join(t[i], NULL);
  return 0;
}
