// The HTML report of a race between processes (race.file, in Chinese): two
// forked sellers read and write the ticket file with no lock. Chromium's DOM
// has the graph of which process reads and writes tickets.txt, one lane per
// process, the file accesses of the second seller marked, and the hint; the
// screenshot is not blank.
//
// RUN: rm -rf %t.dir && mkdir %t.dir && cd %t.dir
// RUN: %tangle check --lang zh %S/../file/ticket_processes.c --html %t.html > %t.txt 2>&1; test $? -eq 1
// RUN: %python %S/Inputs/render_page.py %t.html %t.dom --screenshot %t.png
// RUN: FileCheck %s --input-file %t.dom
//
// CHECK: <html lang="zh-CN">
// CHECK: <section class="finding" id="finding-1" data-id="race.file">
// CHECK: tickets.txt 上的文件竞争：
// CHECK: <h3>谁访问了什么</h3>
// CHECK: <g class="edge">{{.*}}>{{读取|写入}}</text></g>
// CHECK: <g class="edge">{{.*}}>{{读取|写入}}</text></g>
// CHECK: <g class="node object">{{.*}}>tickets.txt</text></g>
// CHECK: <g class="node thread">{{.*}}>进程 {{[12]}}（由 主线程 fork 创建）</text></g>
// CHECK: <table class="swimlanes" data-lanes="3">
// CHECK-SAME: <th class="lane-head">主线程</th><th class="lane-head">进程 1（由 主线程 fork 创建）</th><th class="lane-head">进程 2（由 主线程 fork 创建）</th>
// CHECK: <tr class="step-row failing">{{.*}}读取</span> tickets.txt
// CHECK: <tr class="step-row failing">{{.*}}写入</span> tickets.txt
// CHECK: <p class="hint">让 tickets.txt 的整个“读-改-写”在各进程之间成为一个临界区：{{.*}}flock
