// zombie_no_wait.c with the waitpid: clean.
//
// RUN: %tangle check %S/zombie_no_wait.c --format json -- -DWAITED > %t.json
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
