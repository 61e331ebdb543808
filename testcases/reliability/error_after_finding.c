// An execution that cannot be run to its end (here the program kills its
// parent, which under tangle is the fork server) stops the exploration.
// The findings made before it stand and are reported, with the error
// that stopped the search named in a note and in `explored.error`; the
// run is not complete. Before, the report said "stopped by a limit" and
// named nothing. The twin keeps its parent: complete, the same finding.
// Without a finding, the error is the answer (exit 4, an internal error).
//
// RUN: %tangle check %s --no-lint > %t.txt; test $? -eq 1
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// RUN: %tangle check %s --no-lint --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --check-prefix=JSON --input-file %t.json
// RUN: %tangle check %s --no-lint --lang zh > %t.zh.txt; test $? -eq 1
// RUN: FileCheck %s --check-prefix=ZH --input-file %t.zh.txt
// RUN: %tangle check %s --no-lint -- -DKEEP_PARENT > %t.twin.txt; test $? -eq 1
// RUN: FileCheck %s --check-prefix=TWIN --input-file %t.twin.txt
// RUN: %tangle check %s --no-lint -- -DONE_ORDER > %t.none.txt 2>&1; test $? -eq 4
// RUN: FileCheck %s --check-prefix=NONE --input-file %t.none.txt
//
// TEXT: error: deadlock: {{.*}} [deadlock.cycle]
// TEXT: note: the exploration stopped on an error: the program's fork server died of Killed; the interleavings not run yet were not explored (the findings above stand)
// TEXT: tangle: bugs: 1 finding in {{[0-9]+}} executions (stopped by error,
//
// JSON: "error": "the program's fork server died of Killed"
// JSON: "stopped_by": "error"
// JSON: "verdict": "bugs"
//
// ZH: 探索因错误而停止：the program's fork server died of Killed；尚未运行的交错没有被探索
//
// TWIN: [deadlock.cycle]
// TWIN-NOT: stopped on an error
// TWIN: every interleaving explored
//
// NONE: exploration failed: the program's fork server died of Killed
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <unistd.h>

pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER, b = PTHREAD_MUTEX_INITIALIZER;
atomic_int first;

void *one(void *arg) {
  int none = 0;
  atomic_compare_exchange_strong(&first, &none, 1);
  pthread_mutex_lock(&a);
  pthread_mutex_lock(&b);
  pthread_mutex_unlock(&b);
  pthread_mutex_unlock(&a);
  return arg;
}

void *two(void *arg) {
  int none = 0;
  atomic_compare_exchange_strong(&first, &none, 2);
#ifdef ONE_ORDER
  pthread_mutex_lock(&a);
  pthread_mutex_lock(&b);
#else
  pthread_mutex_lock(&b);
  pthread_mutex_lock(&a);
#endif
  pthread_mutex_unlock(&a);
  pthread_mutex_unlock(&b);
  return arg;
}

int main(void) {
  pthread_t x, y;
  pthread_create(&x, 0, one, 0);
  pthread_create(&y, 0, two, 0);
  pthread_join(x, 0);
  pthread_join(y, 0);
#ifndef KEEP_PARENT
  // Only when thread two ran first: a later execution of the search.
  if (atomic_load(&first) == 2)
    kill(getppid(), SIGKILL);
#endif
  return 0;
}
