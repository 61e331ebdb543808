// unjoined_workers.c with the joins: main waits for all 6 workers before it
// returns. Clean and complete.
//
// RUN: %tangle check %s --no-lint --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
#include <pthread.h>
#include <stdatomic.h>

#define WORKERS 6

static atomic_int hits, misses;

static void *work(void *arg) {
  atomic_fetch_add(&hits, 1);
  atomic_fetch_add(&misses, 1);
  return arg;
}

int main(void) {
  pthread_t t[WORKERS];
  for (int i = 0; i < WORKERS; i++)
    pthread_create(&t[i], NULL, work, NULL);
  for (int i = 0; i < WORKERS; i++)
    pthread_join(t[i], NULL);
  return atomic_load(&hits) != WORKERS;
}
