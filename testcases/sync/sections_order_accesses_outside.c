// Two critical sections of one mutex that conflict in nothing (the writer's
// is empty), yet their order matters: the mutex also orders what comes
// before the reader's unlock against what comes after the writer's lock.
// With the reader first, `y = 1` comes after `r = y` through the mutex; with
// the writer first the two are unordered: a data race, and r == 1 only
// there. A reduction that merged "sections that commute" on their contents
// alone would run only the first order and report nothing
// (docs/exploration.md, "Merging critical sections that commute"). Both
// orders are run: 2 executions, the race and the assertion.
//
// RUN: %tangle check %s --no-lint --strategy dpor --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "complete":{{ ?}}true
// CHECK-DAG: "executions":{{ ?}}2,
// CHECK-DAG: "id":{{ ?}}"race.data"
// CHECK-DAG: "id":{{ ?}}"program.assert"
#include <assert.h>
#include <pthread.h>

pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
int y, r = -1;

void *reader(void *arg) {
  pthread_mutex_lock(&m);
  r = y;
  pthread_mutex_unlock(&m);
  return arg;
}

void *writer(void *arg) {
  pthread_mutex_lock(&m);
  pthread_mutex_unlock(&m);
  y = 1;
  return arg;
}

int main(void) {
  pthread_t t[2];
  pthread_create(&t[0], 0, reader, 0);
  pthread_create(&t[1], 0, writer, 0);
  pthread_join(t[0], 0);
  pthread_join(t[1], 0);
  assert(r == 0);
  return 0;
}
