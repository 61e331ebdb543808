// mq_producer_consumer.c with a consumer that receives one message more
// than the producer ever sends: once the 3 jobs are taken, the consumer
// waits on an empty queue that nobody will send to (the parent still holds
// it open, but waits for the consumer itself). A deadlock.stall.
//
// RUN: %tangle check %S/mq_producer_consumer.c --format json -- -DRECEIVE_EXTRA -DNAME='"/tangle_testcase_mq_too_many"' > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: %tangle check %S/mq_producer_consumer.c -- -DRECEIVE_EXTRA -DNAME='"/tangle_testcase_mq_too_many"' > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// RUN: %python %S/../Inputs/schedule.py %t.json deadlock.stall > %t.schedule
// RUN: %tangle replay --schedule "$(cat %t.schedule)" %S/mq_producer_consumer.c --format json -- -DRECEIVE_EXTRA -DNAME='"/tangle_testcase_mq_too_many"' > %t.replay.json; test $? -eq 1
// RUN: FileCheck %s --check-prefix=REPLAY --input-file %t.replay.json
//
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"deadlock.stall"
// CHECK-DAG: "complete":{{ ?}}true
// TEXT: mq_producer_consumer.c:{{[0-9]+}}:{{[0-9]+}}: error: deadlock: every live thread is blocked: {{.*}}waits to receive from message queue /tangle_testcase_mq_too_many {{.*}}; it is empty and nobody will send to it: {{.*}}[deadlock.stall]
// TEXT: note: fix: A receive from an empty message queue waits until someone sends
// TEXT: tangle replay
// REPLAY: "id":{{ ?}}"deadlock.stall"
