// tangle grade on a folder of three submissions (a deadlock, a clean one, a
// lost wake-up): one Markdown row each, in the order of their names, with
// the verdict, the findings (id:line), coverage, executions and time; then
// the counts. The static warning the deadlock confirms is not a second
// finding of its row; the lost wake-up's static-only warning is.
//
// RUN: %tangle grade %S/Inputs/class --jobs 2 --timeout 30 > %t.md; test $? -eq 0
// RUN: FileCheck %s --input-file %t.md
//
// CHECK: | submission | verdict | findings | coverage | executions | time (s) |
// CHECK-NEXT: |---|---|---|---|---:|---:|
// CHECK-NEXT: | {{.*}}Inputs/class/alice_deadlock.c | bugs | deadlock.cycle:{{1[0-9]}} | complete | {{[1-9][0-9]*}} | {{[0-9]+\.[0-9][0-9]}} |
// CHECK-NEXT: | {{.*}}Inputs/class/bob_clean.c | clean |  | complete | {{[1-9][0-9]*}} | {{[0-9]+\.[0-9][0-9]}} |
// CHECK-NEXT: | {{.*}}Inputs/class/carol_lost_wakeup.c | bugs | deadlock.stall:21, tangle-cond-wait-no-loop:10 (static) | complete | {{[1-9][0-9]*}} | {{[0-9.]+}} |
// CHECK-EMPTY:
// CHECK-NEXT: 3 submissions: 2 bugs, 1 clean
