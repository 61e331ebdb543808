// The HTML report of a deadlock: the dining philosophers (in Chinese)
// rendered by headless Chromium. The DOM it builds has the finding with its
// id, the wait-for cycle as an SVG drawing (five philosophers, five forks,
// a red dashed "waits" edge and a "held by" edge each), one swimlane per
// thread with the five blocked lock attempts marked, the hint and the
// replay command; the screenshot is not blank.
//
// RUN: %tangle check --lang zh %srcroot/examples/philosophers.c --html %t.html > %t.txt 2>&1; test $? -eq 1
// RUN: %python %S/Inputs/render_page.py %t.html %t.dom --screenshot %t.png
// RUN: FileCheck %s --input-file %t.dom
//
// CHECK: <html lang="zh-CN">
// CHECK-NOT: <script
// CHECK-NOT: <link
// CHECK: data-verdict="bugs">tangle: bugs: 在 {{[0-9]+}} 次执行中发现 1 个问题
// CHECK: <section class="finding" id="finding-1" data-id="deadlock.cycle">
// CHECK: 死锁：线程 1 等待 fork_[1]
// CHECK: <h3>等待图</h3>
// CHECK: <svg
// CHECK-COUNT-10: <g class="edge{{( waits)?}}"><path d="M{{.*}}url(#arrow{{(-waits)?}}){{.*}}>{{加锁|被持有}}</text></g>
// CHECK-COUNT-5: <g class="node thread"><rect {{.*}}>线程 {{[1-5]}} (philosopher)</text></g>
// CHECK: </svg>
// CHECK: <h3>涉及的线程</h3>
// CHECK-COUNT-5: <tr class="involved">
// CHECK: <table class="swimlanes" data-lanes="6">
// CHECK-SAME: <th class="lane-head">主线程</th><th class="lane-head">线程 1 (philosopher)</th>
// CHECK-COUNT-5: <tr class="step-row failing blocked">{{.*}}阻塞：加锁
// CHECK: <p class="hint">让每个线程都按同一个全局顺序获取这些锁
// CHECK: <pre class="replay">tangle replay --schedule
// CHECK: </html>
