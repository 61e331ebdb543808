// last_iteration.c with the last round's read and write in one critical
// section, like the others: no window. Clean, and complete: the auditor's
// increment is tried before and after each of the worker's 100 sections.
//
// RUN: %tangle check %s --no-lint --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
#include <assert.h>
#include <pthread.h>

#define N 100

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static long total;

static void *worker(void *arg) {
  for (int i = 0; i < N; i++) {
    pthread_mutex_lock(&lock);
    long seen = total;
    total = seen + 1;
    pthread_mutex_unlock(&lock);
  }
  return arg;
}

static void *auditor(void *arg) {
  pthread_mutex_lock(&lock);
  total++;
  pthread_mutex_unlock(&lock);
  return arg;
}

int main(void) {
  pthread_t w, a;
  pthread_create(&w, NULL, worker, NULL);
  pthread_create(&a, NULL, auditor, NULL);
  pthread_join(w, NULL);
  pthread_join(a, NULL);
  assert(total == N + 1);
  return 0;
}
