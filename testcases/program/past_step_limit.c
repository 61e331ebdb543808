// Two threads each take a mutex 1,000 times: correct, just long. With a
// step limit of 500, every execution records its first 500 steps and runs
// the rest unrecorded to the program's end (the assert at the end still
// runs, and would be reported). The verdict is incomplete, naming the limit
// -- never program.hang. Twin: infinite_loop.c (a real hang).
//
// RUN: %tangle check %s --no-lint --max-steps 500 --max-executions 20 > %t.txt 2>&1; test $? -eq 3
// RUN: FileCheck %s --input-file %t.txt
// RUN: %tangle check %s --no-lint --max-steps 500 --max-executions 20 --format json > %t.json; test $? -eq 3
// RUN: FileCheck %s --check-prefix=JSON --input-file %t.json
// CHECK-NOT: program.hang
// CHECK-NOT: access log
// CHECK: note: an execution made more than 500 steps (--max-steps); the other {{[0-9]+}} ran unrecorded; that is a limit of the exploration, not a finding
// CHECK: tangle: incomplete: no findings in {{[0-9]+}} execution{{s?}}, stopped by step-limit
// JSON-NOT: "program.hang"
// JSON-DAG: "limit":{{ ?}}"an execution made more than 500 steps
// JSON-DAG: "verdict":{{ ?}}"incomplete"
#include <assert.h>
#include <pthread.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static int counter;

static void *work(void *arg) {
  for (int i = 0; i < 1000; ++i) {
    pthread_mutex_lock(&m);
    ++counter;
    pthread_mutex_unlock(&m);
  }
  return arg;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, work, NULL);
  work(NULL);
  pthread_join(t, NULL);
  assert(counter == 2000);
  return 0;
}
