// tangle grade --format csv: a header and one row per submission, fields
// quoted where they hold a comma; the counts go to stderr so the file stays
// one table.
//
// RUN: %tangle grade --format csv %S/Inputs/class > %t.csv 2> %t.err; test $? -eq 0
// RUN: FileCheck %s --input-file %t.csv
// RUN: FileCheck %s --check-prefix=ERR --input-file %t.err
//
// CHECK: submission,verdict,findings,coverage,executions,seconds,error
// CHECK-NEXT: {{.*}}alice_deadlock.c,bugs,deadlock.cycle:{{1[0-9]}},complete,{{[1-9][0-9]*}},{{[0-9.]+}},{{$}}
// CHECK-NEXT: {{.*}}bob_clean.c,clean,,complete,{{[1-9][0-9]*}},{{[0-9.]+}},{{$}}
// CHECK-NEXT: {{.*}}carol_lost_wakeup.c,bugs,"deadlock.stall:21, tangle-cond-wait-no-loop:10 (static)",complete,{{[1-9][0-9]*}},{{[0-9.]+}},{{$}}
// CHECK-NOT: {{.}}
// ERR: tangle: grade: 3 submissions: 2 bugs, 1 clean
