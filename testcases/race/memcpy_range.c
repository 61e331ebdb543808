// Two threads copy a record into the same shared slot with memcpy; one
// holds the slot's lock, the other forgot it. Block copies reach the
// runtime as calls to memcpy/memset/memmove (not as instrumented loads and
// stores), and tangle logs them as byte ranges: race.data on `slot`.
// With -DFIXED both copy under the lock: clean.
//
// RUN: %tangle check %s --no-lint > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt
// CHECK: error: data race on slot{{.*}}: thread 2 (reset) writes it at {{.*}}memcpy_range.c:[[#@LINE+29]] holding no lock, while thread 1 (publish) writes it at {{.*}}memcpy_range.c:[[#@LINE+20]] holding slot_lock{{.*}}[race.data]
// RUN: %tangle check %s --no-lint --format json -- -DFIXED > %t.json
// RUN: FileCheck %s --check-prefix=FIXED --input-file %t.json
// FIXED-DAG: "verdict":{{ ?}}"clean"
// FIXED-DAG: "complete":{{ ?}}true
// FIXED-DAG: "races_checked":{{ ?}}true
#include <pthread.h>
#include <string.h>

struct record {
  char name[32];
  long values[8];
};

pthread_mutex_t slot_lock = PTHREAD_MUTEX_INITIALIZER;
struct record slot;

void *publish(void *arg) {
  struct record fresh = {"fresh", {1, 2, 3}};
  pthread_mutex_lock(&slot_lock);
  memcpy(&slot, &fresh, sizeof slot);
  pthread_mutex_unlock(&slot_lock);
  return NULL;
}

void *reset(void *arg) {
#ifdef FIXED
  pthread_mutex_lock(&slot_lock);
#endif
  memset(&slot, 0, sizeof slot);
#ifdef FIXED
  pthread_mutex_unlock(&slot_lock);
#endif
  return NULL;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, publish, NULL);
  pthread_create(&b, NULL, reset, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  return 0;
}
