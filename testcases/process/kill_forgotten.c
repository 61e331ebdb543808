// kill_child.c without the kill: the child waits for the pipe's end of
// data, which never comes (the parent holds the write end), and the parent
// waits for the child. A deadlock.stall.
//
// RUN: %tangle check %S/kill_child.c --format json -- -DNO_KILL > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: %python %S/../Inputs/schedule.py %t.json deadlock.stall > %t.schedule
// RUN: %tangle replay --schedule "$(cat %t.schedule)" %S/kill_child.c --format json -- -DNO_KILL > %t.replay.json; test $? -eq 1
// RUN: FileCheck %s --check-prefix=REPLAY --input-file %t.replay.json
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"deadlock.stall"
// CHECK-DAG: "complete":{{ ?}}true
// REPLAY: "id":{{ ?}}"deadlock.stall"
