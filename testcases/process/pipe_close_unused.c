// pipe_own_write_end.c with the parent's unused write end closed: the read
// sees the end of the data once the child closes its end. Clean.
//
// RUN: %tangle check %S/pipe_own_write_end.c --format json -- -DCLOSE_UNUSED > %t.json
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
