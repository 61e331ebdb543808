// detached_cut_off.c with main waiting for the logger's semaphore before it
// returns: the logger is only ever cut off while ending. Clean.
//
// RUN: %tangle check %S/detached_cut_off.c --format json -- -DWAITED > %t.json
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
