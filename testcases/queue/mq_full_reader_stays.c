// mq_full_reader_exited.c with a reader that takes all 4 messages before it
// exits: every send finds room sooner or later. Clean.
//
// RUN: %tangle check %S/mq_full_reader_exited.c --format json -- -DTAKEN=4 -DNAME='"/tangle_testcase_mq_full_reader_stays"' > %t.json
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
