// shared_memory_race.c with a process-shared semaphore (in the mapping)
// around each increment: clean.
//
// RUN: %tangle check %S/shared_memory_race.c --format json -- -DLOCKED > %t.json
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
