// Record mode binds the program's symbols lazily, as it would be without
// tangle: LD_BIND_NOW=1 is for the fork server (each forked execution would
// otherwise resolve again what it calls first), and a recorded run has none.
// tangle sets nothing the program can see:
// RUN: %clang -g -O0 -pthread %s -o %t
// RUN: env -u LD_BIND_NOW %tangle run --no-predict -- %t %t.lazy.txt
// RUN: FileCheck %s --check-prefix=LAZY --input-file %t.lazy.txt
// LAZY: LD_BIND_NOW unset
//
// The twin: the user's own LD_BIND_NOW reaches the program unchanged.
// RUN: env LD_BIND_NOW=1 %tangle run --no-predict -- %t %t.now.txt
// RUN: FileCheck %s --check-prefix=NOW --input-file %t.now.txt
// NOW: LD_BIND_NOW=1
#include <stdio.h>
#include <stdlib.h>

// Into the file argv[1] names: tangle run does not show the program's
// output.
int main(int argc, char **argv) {
  FILE *out = fopen(argv[1], "w");
  if (!out)
    return 1;
  const char *bindNow = getenv("LD_BIND_NOW");
  if (bindNow)
    fprintf(out, "LD_BIND_NOW=%s\n", bindNow);
  else
    fprintf(out, "LD_BIND_NOW unset\n");
  return fclose(out) != 0;
}
