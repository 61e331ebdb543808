// pshared_mutex_ab_ba.c with both processes taking a before b: clean.
//
// RUN: %tangle check %S/pshared_mutex_ab_ba.c --format json -- -DSAME_ORDER > %t.json
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
