// The twin of race_after_loop.c: `finished` is updated under the lock.
// No race.
//
// RUN: %tangle run %s --format json > %t.json
// RUN: FileCheck %s --input-file %t.json
//
// CHECK-DAG: "verdict":{{ ?}}"no-hang"
// CHECK-DAG: "races_checked":{{ ?}}true
// CHECK-DAG: "races":{{ ?}}0
// CHECK-NOT: "id":{{ ?}}"race.data"
#define FIXED 1
#include "race_after_loop.c"
