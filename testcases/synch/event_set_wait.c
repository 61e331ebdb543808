// The course's Event (e.set() in one thread, e.wait() in another): two
// workers wait for the start signal; main prepares the data, then sets the
// event. Each worker sees the data. Clean, whether a worker waits before or
// after the set.
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
#include <assert.h>
#include <tangle/sync.h>

tangle_event_t start = TANGLE_EVENT_INITIALIZER;
int data;

void *worker(void *arg) {
  tangle_event_wait(&start);
  assert(tangle_event_is_set(&start));
  assert(data == 42);
  return NULL;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, worker, NULL);
  pthread_create(&b, NULL, worker, NULL);
  data = 42;
  tangle_event_set(&start);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  return 0;
}
