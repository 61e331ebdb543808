// mq_handoff.c with the consumer reading the buffer before it receives the
// message that says the buffer is filled: nothing orders that read with
// the producer's write. A race.data.
//
// RUN: %tangle check %S/mq_handoff.c --format json -- -DPEEK -DNAME='"/tangle_testcase_mq_peek_race"' > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: %python %S/../Inputs/schedule.py %t.json race.data > %t.schedule
// RUN: %tangle replay --schedule "$(cat %t.schedule)" %S/mq_handoff.c --format json -- -DPEEK -DNAME='"/tangle_testcase_mq_peek_race"' > %t.replay.json; test $? -eq 1
// RUN: FileCheck %s --check-prefix=REPLAY --input-file %t.replay.json
//
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"race.data"
// CHECK-DAG: "complete":{{ ?}}true
// REPLAY: "id":{{ ?}}"race.data"
