// sem_not_shared.c with the semaphore in a MAP_SHARED mapping: the same
// semaphore in both processes. Clean.
//
// RUN: %tangle check %S/sem_not_shared.c --format json -- -DSHARED > %t.json
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
