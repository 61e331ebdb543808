// The other exploration limits on an AB/BA deadlock, which needs one
// preemption (thread 1 is interrupted between its two locks):
// --preemption-bound 0 cannot reach it: "incomplete", exit 3, and the text
// says which limit stopped it; --preemption-bound 1 finds it (exit 1), with
// a counterexample of exactly one preemption; --max-findings 1 stops at the
// first finding; --timeout 0.000001 stops before anything is proved.
//
// RUN: %tangle check %s --no-lint --format json --preemption-bound 0 > %t.0.json; test $? -eq 3
// RUN: FileCheck %s --check-prefix=BOUND0 --input-file %t.0.json
// RUN: %tangle check %s --no-lint --preemption-bound 0 > %t.0.txt 2>&1; test $? -eq 3
// RUN: FileCheck %s --check-prefix=BOUND0TEXT --input-file %t.0.txt
// RUN: %tangle check %s --no-lint --format json --preemption-bound 1 > %t.1.json; test $? -eq 1
// RUN: FileCheck %s --check-prefix=BOUND1 --input-file %t.1.json
// RUN: %tangle check %s --no-lint --format json --max-findings 1 > %t.f.json; test $? -eq 1
// RUN: FileCheck %s --check-prefix=FINDINGS --input-file %t.f.json
// RUN: %tangle check %s --no-lint --format json --timeout 0.000001 > %t.t.json; rc=$?; test $rc -eq 1 || test $rc -eq 3
// RUN: FileCheck %s --check-prefix=TIMEOUT --input-file %t.t.json
// BOUND0-DAG: "verdict":{{ ?}}"incomplete"
// BOUND0-DAG: "stopped_by":{{ ?}}"preemption-bound"
// BOUND0TEXT: stopped by preemption-bound
// BOUND1-DAG: "id":{{ ?}}"deadlock.cycle"
// BOUND1-DAG: "preemptions":{{ ?}}1{{[^0-9]}}
// FINDINGS-DAG: "id":{{ ?}}"deadlock.cycle"
// TIMEOUT-DAG: "complete":{{ ?}}false
#include <pthread.h>

pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER, b = PTHREAD_MUTEX_INITIALIZER;

void *ab(void *arg) {
  pthread_mutex_lock(&a);
  pthread_mutex_lock(&b);
  pthread_mutex_unlock(&b);
  pthread_mutex_unlock(&a);
  return 0;
}

void *ba(void *arg) {
  pthread_mutex_lock(&b);
  pthread_mutex_lock(&a);
  pthread_mutex_unlock(&a);
  pthread_mutex_unlock(&b);
  return 0;
}

int main(void) {
  pthread_t t1, t2;
  pthread_create(&t1, 0, ab, 0);
  pthread_create(&t2, 0, ba, 0);
  pthread_join(t1, 0);
  pthread_join(t2, 0);
  return 0;
}
