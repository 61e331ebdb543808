// A source file that does not exist: one clear line naming it, exit 2.
//
// RUN: %tangle check %t.no-such-file.c > %t.out 2>&1; test $? -eq 2
// RUN: FileCheck %s --input-file %t.out
// RUN: test $(wc -l < %t.out) -eq 1
// CHECK: no-such-file.c
int main(void) { return 0; }
