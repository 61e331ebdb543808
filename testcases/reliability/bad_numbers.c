// Every number on tangle's command line is checked before anything runs:
// a value that is not a number, not finite, negative or out of range is one
// line naming the option and what it accepts, exit 2. (Before, nan never
// timed out, inf or 1e10 made every correct program a hang, and
// --max-executions=-1 was "invalid command line".) The twin: values at the
// edges of each range are accepted, and this clean program stays clean.
//
// RUN: rm -rf %t.tmp && mkdir -p %t.tmp
// RUN: for o in --execution-timeout=nan --execution-timeout=inf --execution-timeout=1e10 --execution-timeout=0 --timeout=-1 --timeout=nan --max-executions=-1 "--max-executions -1" --max-steps=0 --max-steps=1e3 --max-steps=99999999999999999999 --preemption-bound=-1 --retry-bound=1001 --max-findings=0 --limit-cpu=-1 --limit-cpu=1.5 --limit-memory=10 --limit-memory=4X --limit-memory=nan --limit-file-size=0x10 --limit-open-files=3 --limit-processes=-2; do env TMPDIR=%t.tmp TANGLE_TEST_MARK=%t.bad %tangle check $o %s --no-lint > %t.bad.out 2>&1; echo "exit $? lines $(wc -l < %t.bad.out): $(cat %t.bad.out)"; done > %t.bad.txt
// RUN: FileCheck %s --input-file %t.bad.txt
// RUN: %python %S/../Inputs/leftovers.py %t.bad %t.tmp
// RUN: env TMPDIR=%t.tmp TANGLE_TEST_MARK=%t.good %tangle check %s --no-lint --format json --execution-timeout 0.01 --execution-timeout=1000000 --timeout 0 --max-executions 0 --max-steps 1 --max-steps 100000000 --max-steps=100 --preemption-bound 1000000 --retry-bound 1000 --max-findings 4294967295 --limit-cpu none --limit-cpu 1 --limit-memory 64M --limit-memory 1G --limit-file-size 1M --limit-open-files 16 --limit-processes 1 --limit-processes none > %t.good.json; test $? -eq 0
// RUN: FileCheck %s --check-prefix=GOOD --input-file %t.good.json
// RUN: %python %S/../Inputs/leftovers.py %t.good %t.tmp
//
// CHECK: exit 2 lines 1: tangle: error: --execution-timeout expects a number of seconds from 0.01 to 1000000, got 'nan'
// CHECK-NEXT: exit 2 lines 1: tangle: error: --execution-timeout expects a number of seconds from 0.01 to 1000000, got 'inf'
// CHECK-NEXT: exit 2 lines 1: tangle: error: --execution-timeout expects a number of seconds from 0.01 to 1000000, got '1e10'
// CHECK-NEXT: exit 2 lines 1: tangle: error: --execution-timeout expects a number of seconds from 0.01 to 1000000, got '0'
// CHECK-NEXT: exit 2 lines 1: tangle: error: --timeout expects a number of seconds from 0 to 1000000, got '-1'
// CHECK-NEXT: exit 2 lines 1: tangle: error: --timeout expects a number of seconds from 0 to 1000000, got 'nan'
// CHECK-NEXT: exit 2 lines 1: tangle: error: --max-executions expects a whole number, got '-1'
// CHECK-NEXT: exit 2 lines 1: tangle: error: --max-executions expects a whole number, got '-1'
// CHECK-NEXT: exit 2 lines 1: tangle: error: --max-steps expects a whole number from 1 to 100000000, got '0'
// CHECK-NEXT: exit 2 lines 1: tangle: error: --max-steps expects a whole number from 1 to 100000000, got '1e3'
// CHECK-NEXT: exit 2 lines 1: tangle: error: --max-steps expects a whole number from 1 to 100000000, got '99999999999999999999'
// CHECK-NEXT: exit 2 lines 1: tangle: error: --preemption-bound expects a whole number from 0 to 1000000, got '-1'
// CHECK-NEXT: exit 2 lines 1: tangle: error: --retry-bound expects a whole number from 0 to 1000, got '1001'
// CHECK-NEXT: exit 2 lines 1: tangle: error: --max-findings expects a whole number from 1 to 4294967295, got '0'
// CHECK-NEXT: exit 2 lines 1: tangle: error: --limit-cpu expects 'none' or a whole number from 1, got '-1'
// CHECK-NEXT: exit 2 lines 1: tangle: error: --limit-cpu expects 'none' or a whole number from 1, got '1.5'
// CHECK-NEXT: exit 2 lines 1: tangle: error: --limit-memory expects 'none' or a size in bytes from 64M to 1024T, {{.*}}, got '10'
// CHECK-NEXT: exit 2 lines 1: tangle: error: --limit-memory expects 'none' or a size in bytes from 64M to 1024T, {{.*}}, got '4X'
// CHECK-NEXT: exit 2 lines 1: tangle: error: --limit-memory expects 'none' or a size in bytes from 64M to 1024T, {{.*}}, got 'nan'
// CHECK-NEXT: exit 2 lines 1: tangle: error: --limit-file-size expects 'none' or a size in bytes from 1M to 1024T, {{.*}}, got '0x10'
// CHECK-NEXT: exit 2 lines 1: tangle: error: --limit-open-files expects 'none' or a whole number from 16, got '3'
// CHECK-NEXT: exit 2 lines 1: tangle: error: --limit-processes expects 'none' or a whole number from 1, got '-2'
//
// GOOD-DAG: "verdict":{{ ?}}"clean"
// GOOD-DAG: "complete":{{ ?}}true
#include <pthread.h>

pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
int counter;

void *work(void *arg) {
  pthread_mutex_lock(&lock);
  counter++;
  pthread_mutex_unlock(&lock);
  return 0;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, 0, work, 0);
  work(0);
  pthread_join(t, 0);
  return 0;
}
