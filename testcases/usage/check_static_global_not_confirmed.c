// A tangle-shared-global-unlocked warning the race detector refutes: the
// static check does not track conditions, so it sees `debug_hits++` although
// `debug` is never set. Every interleaving is explored with memory accesses
// logged and none races: the warning is shown, not counted; verdict clean.
//
// RUN: rm -rf %t.dir && mkdir -p %t.dir && cd %t.dir
// RUN: %tangle check %s --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json
//
// CHECK-DAG: "verdict": "clean"
// CHECK-DAG: "races_checked": true
// CHECK-DAG: "id": "tangle-shared-global-unlocked"
// CHECK-DAG: "confirmation": "not-confirmed"
// CHECK-DAG: "counted": false
#include <pthread.h>

static int debug;
static int debug_hits;

static void *worker(void *arg) {
  if (debug)
    debug_hits++;
  return NULL;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, worker, NULL);
  pthread_create(&b, NULL, worker, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  return 0;
}
