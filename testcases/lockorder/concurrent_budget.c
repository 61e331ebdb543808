// concurrent.c stopped after its first execution (--max-executions 1), which
// runs the threads one after the other: it shows both lock orders but not the
// deadlock. The warning says that nothing orders the threads and that the
// exploration stopped before reaching the deadlock. A limit is never a
// finding: the warning is not counted, and the verdict is incomplete (exit 3).
// (--no-lint: the static lock-order check, unconfirmed after an early stop,
// would count and make the verdict bugs.) Without the limit: concurrent.c.
//
// RUN: %tangle check --no-lint --max-executions 1 %s > %t.txt; test $? -eq 3
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// RUN: %tangle check --no-lint --max-executions 1 %s --format json > %t.json; test $? -eq 3
// RUN: FileCheck %s --check-prefix=JSON --input-file %t.json
// TEXT: warning: lock-order inversion: thread 1 takes a then b in deposit and thread 2 takes b then a in audit; nothing orders these threads, but the exploration stopped (max-executions) before it reached an interleaving where they deadlock: likely a deadlock, not shown yet [lock.order-inversion] (dynamic, not counted)
// TEXT: tangle: incomplete: no findings in 1 execution, stopped by max-executions {{.*}}; 1 lock-order warning, not counted
// JSON-DAG: "verdict":{{ ?}}"incomplete"
// JSON-DAG: "id":{{ ?}}"lock.order-inversion"
// JSON-DAG: "counted":{{ ?}}false
// JSON-DAG: "reason":{{ ?}}"concurrent"
#include <pthread.h>

pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t b = PTHREAD_MUTEX_INITIALIZER;
int balance;

void *deposit(void *arg) {
  pthread_mutex_lock(&a);
  pthread_mutex_lock(&b);
  balance++;
  pthread_mutex_unlock(&b);
  pthread_mutex_unlock(&a);
  return NULL;
}

void *audit(void *arg) {
  pthread_mutex_lock(&b);
  pthread_mutex_lock(&a);
  balance--;
  pthread_mutex_unlock(&a);
  pthread_mutex_unlock(&b);
  return NULL;
}

int main(void) {
  pthread_t x, y;
  pthread_create(&x, NULL, deposit, NULL);
  pthread_create(&y, NULL, audit, NULL);
  pthread_join(x, NULL);
  pthread_join(y, NULL);
  return 0;
}
