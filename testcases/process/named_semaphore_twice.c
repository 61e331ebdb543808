// named_semaphore.c waiting twice for one post: deadlock.stall.
//
// RUN: %tangle check %S/named_semaphore.c --format json -- -DTWICE '-DNAME="/tangle_testcase_named_semaphore_twice"' > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"deadlock.stall"
// CHECK-DAG: "complete":{{ ?}}true
