// tangle grade --format html: one self-contained page (inline style, no
// script, no external resource) with the table, a row per submission
// classed by its verdict, each with its JSON report in the page, escaped.
//
// RUN: %tangle grade --format html %S/Inputs/class > %t.html; test $? -eq 0
// RUN: FileCheck %s --input-file %t.html
// RUN: FileCheck %s --check-prefix=SELF --input-file %t.html
//
// With --reports, each row links to its submission's own HTML page (the
// check's --html: swimlanes and the wait-for graph) and its JSON report.
// RUN: rm -rf %t.reports
// RUN: %tangle grade --format html --reports %t.reports %S/Inputs/class > %t.linked.html; test $? -eq 0
// RUN: FileCheck %s --check-prefix=LINKED --input-file %t.linked.html
// RUN: FileCheck %s --check-prefix=PAGE --input-file %t.reports/1-alice_deadlock.html
// LINKED: <tr class="bugs"><td>{{.*}}alice_deadlock.c</td>
// LINKED-SAME: <a class="page" href="{{.*}}1-alice_deadlock.html">1-alice_deadlock.html</a> <a href="{{.*}}1-alice_deadlock.json">
// LINKED: <tr class="clean"><td>{{.*}}bob_clean.c</td>
// LINKED-SAME: <a class="page" href="{{.*}}2-bob_clean.html">
// PAGE: [deadlock.cycle]
// PAGE: <table class="swimlanes"
//
// CHECK: <!DOCTYPE html>
// CHECK: <style>
// CHECK: <p id="summary">3 submissions: 2 bugs, 1 clean</p>
// CHECK: <table id="grades">
// CHECK: <tr class="bugs"><td>{{.*}}alice_deadlock.c</td><td>bugs</td><td>deadlock.cycle:{{1[0-9]}}</td><td>complete</td>
// CHECK-SAME: <details><summary>JSON report</summary><pre>{
// CHECK: &quot;verdict&quot;: &quot;bugs&quot;
// CHECK: <tr class="clean"><td>{{.*}}bob_clean.c</td><td>clean</td><td></td><td>complete</td>
// CHECK: <tr class="bugs"><td>{{.*}}carol_lost_wakeup.c</td><td>bugs</td><td>deadlock.stall:21, tangle-cond-wait-no-loop:10 (static)</td>
// CHECK: </table>
// SELF-NOT: <script
// SELF-NOT: <link
// SELF-NOT: src=
// SELF-NOT: http
