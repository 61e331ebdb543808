// Usage and input errors: one clear line on stderr and exit code 2.
//
// RUN: %tangle-lint %S/no-such-file.c -- 2> %t.err; test $? -eq 2
// RUN: FileCheck %s --input-file %t.err --check-prefix=MISSING
// MISSING: tangle-lint: error: no such file: {{.*}}no-such-file.c
// RUN: %tangle-lint %S/Inputs/broken.c -- > %t.out 2> %t.err; test $? -eq 2
// RUN: FileCheck %s --input-file %t.err --check-prefix=BROKEN
// RUN: test $(wc -l < %t.err) -eq 1
// BROKEN: tangle-lint: error: does not compile: {{.*}}broken.c:1:25: use of undeclared identifier 'undeclared_name'
// RUN: %tangle-lint --bogus %s 2> %t.err; test $? -eq 2
// RUN: FileCheck %s --input-file %t.err --check-prefix=FLAG
// FLAG: tangle-lint: error: unknown option '--bogus'
// RUN: %tangle-lint --format=xml %s 2> %t.err; test $? -eq 2
// RUN: %tangle-lint 2> %t.err; test $? -eq 2
// RUN: %tangle-lint %s -- > %t.out; test $? -eq 0
int main(void) { return 0; }
