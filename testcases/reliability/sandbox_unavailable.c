// Where the kernel does not let tangle create a user namespace, --sandbox
// says so in one line, with what to change, and exits 2: it never runs an
// untrusted program unconfined. Simulated inside a user namespace whose
// limit on nested namespaces is 0. The twin: the same namespace, without
// --sandbox, checks the program as usual.
//
// REQUIRES: userns
// RUN: rm -rf %t.tmp && mkdir -p %t.tmp
// RUN: env TMPDIR=%t.tmp TANGLE_TEST_MARK=%t.m unshare --user --map-root-user sh -c 'echo 0 > /proc/sys/user/max_user_namespaces && exec %tangle check %s --no-lint --sandbox' > %t.txt 2>&1; test $? -eq 2
// RUN: FileCheck %s --input-file %t.txt
// RUN: test $(wc -l < %t.txt) -eq 1
// RUN: env TMPDIR=%t.tmp TANGLE_TEST_MARK=%t.m unshare --user --map-root-user sh -c 'echo 0 > /proc/sys/user/max_user_namespaces && exec %tangle check %s --no-lint' > %t.plain.txt 2>&1; test $? -eq 0
// RUN: FileCheck %s --check-prefix=PLAIN --input-file %t.plain.txt
// RUN: %python %S/../Inputs/leftovers.py %t.m %t.tmp
//
// CHECK: tangle: error: --sandbox is not available here: the kernel does not let tangle create a user namespace ({{.*}}); allow unprivileged user namespaces {{.*}} or run without --sandbox
// PLAIN: tangle: clean:
#include <pthread.h>

int main(void) {
  pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
  pthread_mutex_lock(&lock);
  pthread_mutex_unlock(&lock);
  return 0;
}
