// mq_priority_order.c with the consumer forked after both sends: it always
// receives the urgent job (priority 9) first, then the routine one. Clean.
//
// RUN: %tangle check %S/mq_priority_order.c --format json -- -DQUEUED_FIRST -DNAME='"/tangle_testcase_mq_priority_queued_first"' > %t.json
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
