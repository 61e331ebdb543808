// usleep_poller.c, but the last worker returns early without counting itself
// done: main polls forever. Once the other workers have ended, nobody can
// change `done`: a `deadlock.stall` naming the poll, not a `program.hang`
// (the poller does visible work; it waits for something that cannot come)
// and not a hang of tangle. Fix: usleep_poller.c.
//
// RUN: %tangle check %s --no-lint --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json --implicit-check-not=program.hang
// RUN: %tangle check %s --no-lint --max-findings 1 > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// RUN: %python %S/../Inputs/schedule.py %t.json deadlock.stall > %t.schedule
// RUN: %tangle replay --schedule "$(cat %t.schedule)" %s > %t.replay 2>&1; test $? -eq 1
// RUN: FileCheck %s --check-prefix=REPLAY --input-file %t.replay
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"deadlock.stall"
// CHECK-DAG: "complete":{{ ?}}true
// REPLAY: [deadlock.stall]
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <unistd.h>

#define WORKERS 3

static atomic_int done;
static int result[WORKERS];

static void *work(void *arg) {
  long id = (long)arg;
  if (id == WORKERS - 1)
    return NULL; // gives up without saying so
  result[id] = (int)id * 10;
  atomic_fetch_add(&done, 1);
  return NULL;
}

int main(void) {
  pthread_t t[WORKERS];
  for (long i = 0; i < WORKERS; i++)
    pthread_create(&t[i], NULL, work, (void *)i);
  while (atomic_load(&done) < WORKERS)
    // TEXT: usleep_poller_silent_worker.c:[[@LINE+1]]:{{[0-9]+}}: error: deadlock: {{.*}}main thread polls in main at line [[@LINE+1]]; it sleeps and looks again{{.*}}[deadlock.stall]
    usleep(1000);
  int sum = 0;
  for (int i = 0; i < WORKERS; i++)
    sum += result[i];
  printf("%d\n", sum);
  for (int i = 0; i < WORKERS; i++)
    pthread_join(t[i], NULL);
  return sum != 30;
}
