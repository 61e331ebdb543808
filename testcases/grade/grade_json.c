// tangle grade --format json: one object with a row per submission and the
// counts; --reports writes each submission's own JSON report and HTML page
// (those of tangle check) to a folder, and the row names them.
//
// RUN: rm -rf %t.reports
// RUN: %tangle grade --format=json --reports %t.reports %S/Inputs/class/carol_lost_wakeup.c %S/Inputs/class/alice_deadlock.c %S/Inputs/class/bob_clean.c > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json
// RUN: FileCheck %s --check-prefix=REPORT --input-file %t.reports/2-alice_deadlock.json
//
// Rows come in the order the files were given.
// CHECK: "command": "grade"
// CHECK: "submissions": [
// CHECK: "id": "deadlock.stall",
// CHECK-NEXT: "line": 21,
// CHECK-NEXT: "source": "dynamic"
// CHECK: "id": "tangle-cond-wait-no-loop",
// CHECK-NEXT: "line": 10,
// CHECK-NEXT: "source": "static"
// CHECK: "report": "{{.*}}1-carol_lost_wakeup.json",
// CHECK: "submission": "{{.*}}carol_lost_wakeup.c",
// CHECK-NEXT: "verdict": "bugs"
// CHECK: "executions": {{[1-9]}}
// CHECK-NEXT: "findings": [
// CHECK-NEXT: {
// CHECK-NEXT: "counted": true,
// CHECK-NEXT: "file": "{{.*}}alice_deadlock.c",
// CHECK-NEXT: "id": "deadlock.cycle",
// CHECK-NEXT: "line": {{1[0-9]}},
// CHECK-NEXT: "source": "dynamic"
// CHECK-NEXT: }
// CHECK-NEXT: ],
// CHECK-NEXT: "html_report": "{{.*}}2-alice_deadlock.html",
// CHECK-NEXT: "report": "{{.*}}2-alice_deadlock.json",
// CHECK: "submission": "{{.*}}alice_deadlock.c",
// CHECK-NEXT: "verdict": "bugs"
// CHECK: "findings": [],
// CHECK: "submission": "{{.*}}bob_clean.c",
// CHECK-NEXT: "verdict": "clean"
// CHECK: "summary": {
// CHECK-DAG: "bugs": 2,
// CHECK-DAG: "clean": 1,
// CHECK-DAG: "error": 0,
// CHECK-DAG: "submissions": 3,
// REPORT: "command": "check"
// REPORT: "id": "deadlock.cycle"
