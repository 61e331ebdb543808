// The twin of tellers.c: every transfer locks the lower-numbered account
// first, so there is no cycle and nothing is predicted.
//
// RUN: %tangle run %s --format json > %t.json
// RUN: FileCheck %s --input-file %t.json
//
// CHECK-DAG: "verdict":{{ ?}}"no-hang"
// CHECK-DAG: "cycles":{{ ?}}0
// CHECK-NOT: "id":{{ ?}}"deadlock.cycle"
#define ORDERED 1
#include "tellers.c"
