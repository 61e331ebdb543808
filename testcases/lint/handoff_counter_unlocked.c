// The twin of handoff_counter.c: main polls `done` without taking the lock,
// so nothing orders its read of `sum` (nor of `done`) with the workers'
// writes: data races.
//
// RUN: %tangle-lint %s -- > %t.txt; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt --implicit-check-not=warning:
// RUN: %tangle-lint --format=json %s -- > %t.json; test $? -eq 1
// RUN: FileCheck %s --check-prefix=JSON --input-file %t.json
// JSON-DAG: "id": "tangle-shared-global-unlocked"
// JSON-DAG: "summary": "'sum' is written in thread 'work' and read in main thread with no lock held by both: a data race"
// JSON-DAG: "verdict": "bugs"
#include <pthread.h>
#include <unistd.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static long sum;
static int done;

static void *work(void *arg) {
  pthread_mutex_lock(&m);
  // CHECK-DAG: :[[@LINE+1]]:3: warning: 'sum' is written in thread 'work' and read in main thread with no lock held by both: a data race [tangle-shared-global-unlocked]
  sum += (long)arg;
  // CHECK-DAG: :[[@LINE+1]]:3: warning: 'done' is written in thread 'work' and read in main thread with no lock held by both: a data race [tangle-shared-global-unlocked]
  done++;
  pthread_mutex_unlock(&m);
  return NULL;
}

int main(void) {
  pthread_t t[3];
  for (long i = 0; i < 3; i++) {
    pthread_create(&t[i], NULL, work, (void *)i);
    pthread_detach(t[i]);
  }
  while (done != 3)
    usleep(1000);
  return sum == 3 ? 0 : 1;
}
