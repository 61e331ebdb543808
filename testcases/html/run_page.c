// `tangle run --html` writes the same page for a recorded run: the
// deadlock of ../run/abba_hang.c with its wait-for graph and the last
// recorded steps in lanes, and no replay command (a free run has no
// schedule). Chromium renders the pages of check in the other tests here;
// this one checks the page as written.
//
// RUN: rm -rf %t.tmp && mkdir -p %t.tmp
// RUN: env TMPDIR=%t.tmp %tangle run %S/../run/abba_hang.c --html %t.html > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --input-file %t.html
//
// CHECK: <h1>tangle run <code>
// CHECK: data-verdict="bugs">tangle: bugs: 1 finding in one recorded run
// CHECK: <section class="finding" id="finding-1" data-id="deadlock.cycle">
// CHECK: <h3>Wait-for graph</h3>
// CHECK: <g class="edge waits">{{.*}}>lock</text></g>
// CHECK: <h3>The last recorded steps, one lane per thread</h3>
// CHECK: <table class="swimlanes" data-lanes="3">
// CHECK: <tr class="step-row failing blocked">
// CHECK: <p class="hint">
// CHECK-NOT: class="replay"
// CHECK: </html>
