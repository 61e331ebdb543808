// spawn_wait_any.c waiting for both children before writing the byte the
// forked worker reads: a deadlock.stall.
//
// RUN: %tangle check %S/spawn_wait_any.c --format json -- -DWAIT_TWICE_FIRST > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: %python %S/../Inputs/schedule.py %t.json deadlock.stall > %t.schedule
// RUN: %tangle replay --schedule "$(cat %t.schedule)" %S/spawn_wait_any.c --format json -- -DWAIT_TWICE_FIRST > %t.replay.json; test $? -eq 1
// RUN: FileCheck %s --check-prefix=REPLAY --input-file %t.replay.json
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"deadlock.stall"
// CHECK-DAG: "complete":{{ ?}}true
// REPLAY: "id":{{ ?}}"deadlock.stall"
