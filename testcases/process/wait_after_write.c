// wait_before_write.c in the right order: write, close, then wait. Clean.
//
// RUN: %tangle check %S/wait_before_write.c --format json -- -DFIXED > %t.json
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
