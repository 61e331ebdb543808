// tangle with its standard input, output or error closed (a cron job, a
// daemonised grader) checks the program as usual: none of its own files
// lands on descriptors 0-2, and nothing is left behind. The program has an
// AB/BA deadlock; the twin (-DFIXED) takes the locks in one order.
//
// RUN: rm -rf %t.tmp && mkdir -p %t.tmp
// RUN: env TMPDIR=%t.tmp TANGLE_TEST_MARK=%t.in %tangle check %s --no-lint <&- > %t.in.txt; test $? -eq 1
// RUN: FileCheck %s --input-file %t.in.txt
// RUN: %python %S/../Inputs/leftovers.py %t.in %t.tmp
// RUN: env TMPDIR=%t.tmp TANGLE_TEST_MARK=%t.err %tangle check %s --no-lint 2>&- > %t.err.txt; test $? -eq 1
// RUN: FileCheck %s --input-file %t.err.txt
// RUN: %python %S/../Inputs/leftovers.py %t.err %t.tmp
// RUN: env TMPDIR=%t.tmp TANGLE_TEST_MARK=%t.out %tangle check %s --no-lint --trace %t.out.trace >&-; test $? -eq 1
// RUN: %python %S/../Inputs/trace_summary.py %t.out.trace | FileCheck %s --check-prefix=TRACE
// RUN: %python %S/../Inputs/leftovers.py %t.out %t.tmp
// RUN: env TMPDIR=%t.tmp TANGLE_TEST_MARK=%t.all %tangle check %s --no-lint <&- >&- 2>&-; test $? -eq 1
// RUN: %python %S/../Inputs/leftovers.py %t.all %t.tmp
// RUN: env TMPDIR=%t.tmp TANGLE_TEST_MARK=%t.fixed %tangle check %s --no-lint -- -DFIXED <&- 2>&- > %t.fixed.txt; test $? -eq 0
// RUN: FileCheck %s --check-prefix=FIXED --input-file %t.fixed.txt
// RUN: %python %S/../Inputs/leftovers.py %t.fixed %t.tmp
//
// CHECK: error: {{.*}}[deadlock.cycle]
// CHECK: tangle: bugs: 1 finding
// TRACE: deadlock.cycle
// FIXED: tangle: clean:
#include <pthread.h>

pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER, b = PTHREAD_MUTEX_INITIALIZER;

void *other(void *arg) {
#ifdef FIXED
  pthread_mutex_lock(&a);
  pthread_mutex_lock(&b);
#else
  pthread_mutex_lock(&b);
  pthread_mutex_lock(&a);
#endif
  pthread_mutex_unlock(&a);
  pthread_mutex_unlock(&b);
  return 0;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, 0, other, 0);
  pthread_mutex_lock(&a);
  pthread_mutex_lock(&b);
  pthread_mutex_unlock(&b);
  pthread_mutex_unlock(&a);
  pthread_join(t, 0);
  return 0;
}
