// A program that does not compile: tangle shows the compiler's message and
// exits 2 without exploring anything. (-DBROKEN switches the error on, so
// this file stays valid C for everything else.)
//
// RUN: %tangle check %s -- -DBROKEN > %t.out 2>&1; test $? -eq 2
// RUN: FileCheck %s --input-file %t.out
// RUN: %tangle check %s --format json -- -DBROKEN > %t.json 2> %t.err; test $? -eq 2
// CHECK: compile_error.c:[[@LINE+3]]:{{[0-9]+}}: error: use of undeclared identifier 'undeclared_total'
int main(void) {
#ifdef BROKEN
  return undeclared_total; // never declared anywhere
#else
  return 0;
#endif
}
