// On a machine without user namespaces at all, --sandbox is one line and
// exit 2 (sandbox_unavailable.c simulates this where they exist).
//
// UNSUPPORTED: userns
// RUN: rm -rf %t.tmp && mkdir -p %t.tmp
// RUN: env TMPDIR=%t.tmp TANGLE_TEST_MARK=%t.m %tangle check %s --no-lint --sandbox > %t.txt 2>&1; test $? -eq 2
// RUN: FileCheck %s --input-file %t.txt
// RUN: test $(wc -l < %t.txt) -eq 1
// RUN: %python %S/../Inputs/leftovers.py %t.m %t.tmp
//
// CHECK: tangle: error: --sandbox is not available here:
int main(void) { return 0; }
