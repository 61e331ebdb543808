// A C11 condition wait with no predicate: if the producer signals before the
// consumer waits, the signal is lost and the consumer waits forever.
// Fix: wait in a loop on a flag set under the mutex (cnd_predicate.c).
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: %tangle check %s > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"deadlock.stall"
// TEXT-DAG: error: {{.*}}[deadlock.stall]
#include <threads.h>

mtx_t m;
cnd_t ready_cv;
int item;

int consumer(void *arg) {
  mtx_lock(&m);
  // TEXT-DAG: {{.*}}cnd_lost_wakeup.c:[[@LINE+1]]:{{[0-9]+}}
  cnd_wait(&ready_cv, &m); // no predicate: a signal sent earlier is lost
  int got = item;
  mtx_unlock(&m);
  return got;
}

int main(void) {
  mtx_init(&m, mtx_plain);
  cnd_init(&ready_cv);
  thrd_t t;
  thrd_create(&t, consumer, NULL);
  mtx_lock(&m);
  item = 42;
  cnd_signal(&ready_cv);
  mtx_unlock(&m);
  int result;
  thrd_join(t, &result);
  return result == 42 ? 0 : 1;
}
