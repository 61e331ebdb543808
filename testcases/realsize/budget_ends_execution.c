// One execution that does not end by itself: a worker takes and releases a
// mutex forever (every step visible), or, with -DPLAIN, spins on a plain
// flag nobody sets. The search's --timeout ends that execution too: with
// a 1 s budget and a 20 s --execution-timeout the check stops after about
// a second, by timeout, instead of running the execution 19 s past its
// budget. A budget that ran out is a limit of the search, not of the
// execution ("execution-timeout") and not a hang (program.hang needs the
// execution's own time to run out while nothing steps); and what the
// execution did not run is unexplored, so the verdict is incomplete,
// never clean.
// Twin: testcases/program/infinite_loop.c (the plain spin given its
// execution time: program.hang).
//
// RUN: %tangle check %s --no-lint --timeout 1 --execution-timeout 20 --max-steps 100000000 --format json > %t.json; test $? -eq 3
// RUN: FileCheck %s --input-file %t.json --implicit-check-not=execution-timeout
// RUN: %tangle check %s --no-lint --timeout 1 --execution-timeout 20 --format json -- -DPLAIN > %t.plain.json; test $? -eq 3
// RUN: FileCheck %s --input-file %t.plain.json --implicit-check-not=program.hang
//
// CHECK-DAG: "verdict":{{ ?}}"incomplete"
// CHECK-DAG: "stopped_by":{{ ?}}"timeout"
// CHECK-DAG: "executions":{{ ?}}1,
// CHECK-DAG: "limit":{{ ?}}"the time budget (--timeout) ran out during
#include <pthread.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static volatile int stop;

static void *worker(void *arg) {
#ifdef PLAIN
  while (!stop)
    ;
#else
  while (!stop) {
    pthread_mutex_lock(&m);
    pthread_mutex_unlock(&m);
  }
#endif
  return arg;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  pthread_join(t, NULL);
  return 0;
}
