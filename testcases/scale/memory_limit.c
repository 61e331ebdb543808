// The program allocates 8 GiB, 1 GiB at a time, and uses each block: past
// the execution's memory limit (4 GiB) malloc returns NULL and the program
// crashes on it. That crash is the limit's doing, not the program's: the
// exploration is incomplete, stopped by the memory limit, with no finding.
// Twin: memory_within_limit.c.
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 3
// RUN: FileCheck %s --input-file %t.json
//
// CHECK-DAG: "verdict":{{ ?}}"incomplete"
// CHECK-DAG: "stopped_by":{{ ?}}"memory-limit"
// CHECK-DAG: "findings":{{ ?}}[]
#include <stdlib.h>


int main(void) {
  for (int i = 0; i < 8; i++) {
    char *block = malloc(1 << 30);
    block[0] = 1; // no check for NULL
  }
  return 0;
}
