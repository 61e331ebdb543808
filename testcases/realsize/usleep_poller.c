// Main starts three workers and polls, with usleep between looks, until all
// three have counted themselves done; then it reads their results. Correct.
// Each poll is an atomic load that sees nothing changed, followed by a sleep:
// a spin that gives the others a turn, never a `program.hang` while the
// workers wait to run. Small enough to explore completely.
// Twin: usleep_poller_silent_worker.c.
//
// RUN: %tangle check %s --no-lint --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <unistd.h>

#define WORKERS 3

static atomic_int done;
static int result[WORKERS];

static void *work(void *arg) {
  long id = (long)arg;
  result[id] = (int)id * 10;
  atomic_fetch_add(&done, 1); // publishes result[id]
  return NULL;
}

int main(void) {
  pthread_t t[WORKERS];
  for (long i = 0; i < WORKERS; i++)
    pthread_create(&t[i], NULL, work, (void *)i);
  while (atomic_load(&done) < WORKERS)
    usleep(1000);
  int sum = 0;
  for (int i = 0; i < WORKERS; i++)
    sum += result[i];
  printf("%d\n", sum);
  for (int i = 0; i < WORKERS; i++)
    pthread_join(t[i], NULL);
  return sum != 30;
}
