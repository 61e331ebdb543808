// A condition wait guarded by `if` instead of `while`: correct only if the
// wait never returns without the predicate holding. POSIX allows spurious
// wake-ups, so with --spurious-wakeups tangle finds the failed assertion;
// without it, the program is clean. Twin: spurious_loop.c.
//
// RUN: %tangle check %s --format json --no-lint > %t.plain.json; test $? -eq 0
// RUN: FileCheck %s --check-prefix=PLAIN --input-file %t.plain.json
// RUN: %tangle check %s --spurious-wakeups --format json --no-lint > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: %python %S/../Inputs/schedule.py %t.json program.assert > %t.schedule
// RUN: %tangle replay --spurious-wakeups --schedule "$(cat %t.schedule)" %s --format json > %t.replay.json; test $? -eq 1
// RUN: FileCheck %s --check-prefix=REPLAY --input-file %t.replay.json
// PLAIN-DAG: "verdict":{{ ?}}"clean"
// PLAIN-DAG: "complete":{{ ?}}true
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"program.assert"
// REPLAY: "id":{{ ?}}"program.assert"
#include <assert.h>
#include <pthread.h>

pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
pthread_cond_t ready_cv = PTHREAD_COND_INITIALIZER;
int ready;

void *consumer(void *arg) {
  pthread_mutex_lock(&m);
  if (!ready) // the bug: `while`, not `if`
    pthread_cond_wait(&ready_cv, &m);
  assert(ready);
  pthread_mutex_unlock(&m);
  return NULL;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, consumer, NULL);
  pthread_mutex_lock(&m);
  ready = 1;
  pthread_cond_signal(&ready_cv);
  pthread_mutex_unlock(&m);
  pthread_join(t, NULL);
  return 0;
}
