// The HTML report of a data race (race.data, in English): two workers
// increment a counter with no lock. Chromium's DOM has the graph of who
// writes the counter, the lanes of the main thread and both workers, the
// accesses' line in the title of its steps, and the hint; the screenshot is
// not blank.
//
// RUN: %tangle check %S/../race/counter.c --html %t.html > %t.txt 2>&1; test $? -eq 1
// RUN: %python %S/Inputs/render_page.py %t.html %t.dom --screenshot %t.png
// RUN: FileCheck %s --input-file %t.dom
//
// CHECK: <section class="finding" id="finding-1" data-id="race.data">
// CHECK: data race on count
// CHECK: <h3>Who accesses what</h3>
// CHECK-COUNT-2: <g class="edge">{{.*}}>writes</text></g>
// CHECK: <g class="node object">{{.*}}>count</text></g>
// CHECK: <table class="swimlanes" data-lanes="3">
// CHECK-SAME: <th class="lane-head">main thread</th><th class="lane-head">thread 1 (worker)</th><th class="lane-head">thread 2 (worker)</th>
// CHECK: <span class="step" title="{{.*}}counter.c:{{[0-9]+}}:  pthread_create(&amp;t1
// CHECK: <p class="hint">Nothing orders these two accesses
// CHECK: <div class="static" data-id="tangle-shared-global-unlocked">
