// ticket_processes.c with a process-shared semaphore (in a MAP_SHARED
// mapping) as the lock around the read-modify-write: clean.
//
// RUN: rm -rf %t.dir && mkdir %t.dir && cd %t.dir
// RUN: %tangle check %S/ticket_processes.c --format json -- -DLOCK_SEM > %t.json
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
