// An unknown option: one line that names it, exit 2, nothing compiled.
//
// RUN: %tangle check --no-such-flag %s > %t.out 2>&1; test $? -eq 2
// RUN: FileCheck %s --input-file %t.out
// RUN: test $(wc -l < %t.out) -eq 1
// CHECK: no-such-flag
int main(void) { return 0; }
