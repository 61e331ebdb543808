// The twin of rounds.c: every thread takes A before B. Nothing is
// predicted.
//
// RUN: %tangle run %s --format json > %t.json
// RUN: FileCheck %s --input-file %t.json
//
// CHECK-DAG: "verdict":{{ ?}}"no-hang"
// CHECK-DAG: "cycles":{{ ?}}0
// CHECK-NOT: "id":{{ ?}}"deadlock.cycle"
#define ORDERED 1
#include "rounds.c"
