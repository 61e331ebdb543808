// Lazy initialisation without call_once: both threads may see `initialised`
// unset and initialise the counter's mutex, and the flag itself is read and
// written with no lock: a data race. Fix: call_once (once_guarded.c).
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: %tangle check %s > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"race.data"
// TEXT-DAG: error: {{.*}}initialised{{.*}}[race.data]
#include <threads.h>

mtx_t counter_lock;
int initialised, counter;

void init(void) {
  if (!initialised) {
    mtx_init(&counter_lock, mtx_plain);
    initialised = 1;
  }
}

int worker(void *arg) {
  init();
  mtx_lock(&counter_lock);
  counter++;
  mtx_unlock(&counter_lock);
  return 0;
}

int main(void) {
  thrd_t t1, t2;
  thrd_create(&t1, worker, NULL);
  thrd_create(&t2, worker, NULL);
  thrd_join(t1, NULL);
  thrd_join(t2, NULL);
  return 0;
}
