// The HTML report of a stall (deadlock.stall, in English): a lost wake-up.
// Chromium's DOM has the wait-for graph with the main thread's join of the
// waiter drawn as an edge between two threads and the waiter's wait on the
// condition, two lanes, both blocked steps marked, and the hint; the
// screenshot is not blank.
//
// RUN: %tangle check %S/../sync/lost_wakeup.c --html %t.html > %t.txt 2>&1; test $? -eq 1
// RUN: %python %S/Inputs/render_page.py %t.html %t.dom --screenshot %t.png
// RUN: FileCheck %s --input-file %t.dom
//
// CHECK: <html lang="en">
// CHECK: <section class="finding" id="finding-1" data-id="deadlock.stall">
// CHECK: deadlock: every live thread is blocked
// CHECK: <h3>Wait-for graph</h3>
// CHECK: <g class="edge waits">{{.*}}>join</text></g>
// CHECK: <g class="edge waits">{{.*}}>wait on condition</text></g>
// CHECK: <g class="node thread">{{.*}}>main thread</text></g>
// CHECK: <g class="node thread">{{.*}}>thread 1 (waiter)</text></g>
// CHECK: <g class="node object">{{.*}}>ready</text></g>
// CHECK: </svg>
// CHECK: <table class="swimlanes" data-lanes="2">
// CHECK: <tr class="step-row">{{.*}}signal</span> ready
// CHECK: <tr class="step-row failing blocked">{{.*}}blocked: join</span> thread 1 (waiter)
// CHECK: <tr class="step-row failing blocked">{{.*}}blocked: wake</span> ready
// CHECK: <p class="hint">Wait for a condition in a loop over its predicate
