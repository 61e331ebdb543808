// A global counter incremented by two threads without a lock: a data race.
//
// RUN: %tangle-lint %s -- > %t.txt; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt --implicit-check-not=warning:
#include <pthread.h>

static long counter;
static int configured; // written before the threads start: not a race

static void *count(void *arg) {
  for (int i = 0; i < 100000; i++)
    // CHECK: :[[@LINE+1]]:5: warning: 'counter' is written in thread 'count' #1 and written in thread 'count' #2 with no lock held by both: a data race [tangle-shared-global-unlocked]
    counter++;
  return (void *)(long)configured;
}

int main(void) {
  configured = 1;
  pthread_t a, b;
  pthread_create(&a, NULL, count, NULL);
  pthread_create(&b, NULL, count, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  return counter == 200000 ? 0 : 1; // after the joins: not a race
}
