// ticket_processes.c with each seller flock()ing the descriptor it opened
// itself around the read-modify-write: clean.
//
// RUN: rm -rf %t.dir && mkdir %t.dir && cd %t.dir
// RUN: %tangle check %S/ticket_processes.c --format json -- -DLOCK_FLOCK > %t.json
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
