// The dining philosophers (examples/philosophers.c) reported in Chinese:
// with --lang zh, and from the locale (LANG=zh_CN.UTF-8) when LC_ALL is
// unset; --lang en wins over the locale; JSON stays English whatever the
// language. Ids, flags, code names and file names are the same in every
// language. The static checks' warning, folded under the deadlock it
// confirms, is Chinese too (docs/cli.md, "Languages"): once ids, file names
// and the program's own names are taken out, the only ASCII words left in
// the report are the verdict word, the command and the option of the replay
// line, the seconds, and the code names of the hint (std::scoped_lock).
//
// RUN: %tangle check --lang zh %srcroot/examples/philosophers.c > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt --implicit-check-not=note: --implicit-check-not=error: --implicit-check-not="main thread" --implicit-check-not=interleaving --implicit-check-not="fix:"
// RUN: sed -e 's/\[[a-z.-]*\]//g' -e "s/'[^']*'//g" -e 's/[^ ]*philosophers\.c[^ ]*//g' -e 's/fork_\[[0-9]\]//g' -e 's/(philosopher)//g' %t.txt | grep -E -o '[A-Za-z]+' | sort -u > %t.words
// RUN: FileCheck %s --check-prefix=WORDS --match-full-lines --input-file %t.words --implicit-check-not={{[A-Za-z]}}
// RUN: env LC_ALL= LC_MESSAGES= LANG=zh_CN.UTF-8 %tangle check %srcroot/examples/philosophers.c > %t.env.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --input-file %t.env.txt
// RUN: env LC_ALL= LANG=zh_CN.UTF-8 %tangle check --lang en %srcroot/examples/philosophers.c > %t.en.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --check-prefix=EN --input-file %t.en.txt
// RUN: %tangle check --lang zh --format json %srcroot/examples/philosophers.c > %t.json; test $? -eq 1
// RUN: FileCheck %s --check-prefix=JSON --input-file %t.json
// RUN: %tangle replay --lang zh --schedule '0x5,1x2,2x2,3x2,4x2,5' %srcroot/examples/philosophers.c > %t.replay.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --check-prefix=REPLAY --input-file %t.replay.txt
// RUN: %tangle check --lang fr %srcroot/examples/philosophers.c > %t.bad.txt 2>&1; test $? -eq 2
// RUN: FileCheck %s --check-prefix=BAD --input-file %t.bad.txt
//
// CHECK: philosophers.c:38:3: 错误: 死锁：线程 1 等待 fork_[1]（由 线程 2 持有），后者 等待 fork_[2]{{.*}}后者 等待 fork_[0]（由 线程 1 持有） [deadlock.cycle] (动态)
// CHECK: philosophers.c:49:5: 附注: 线程 1 (philosopher) 在此创建
// CHECK: philosophers.c:37:3: 附注: 线程 1 (philosopher) 持有 fork_[0]，在此加锁（第 {{[0-9]+}} 步）
// CHECK: philosophers.c:38:3: 附注: 线程 1 (philosopher) 在此阻塞：加锁 fork_[1]，它被 线程 2 (philosopher) 持有
// CHECK: 附注: 交错执行过程，共 {{[0-9]+}} 步（{{[0-9]+}} 次抢占）：
// CHECK: 1 主线程 创建 线程 1 (philosopher) {{.*}}philosophers.c:49
// CHECK: 线程 1 (philosopher) 加锁 fork_[0] {{.*}}philosophers.c:37
// CHECK: 线程 1 (philosopher) 阻塞：加锁 fork_[1] {{.*}}philosophers.c:38
// CHECK: philosophers.c:38:3: 附注: 静态检查也对此发出了警告：加锁顺序成环：线程 'philosopher'（参数为 0） 在持有 'fork_[0]' 时对 'fork_[1]' 加锁，线程 'philosopher'（参数为 1） 在持有 'fork_[1]' 时对 'fork_[2]' 加锁，{{.*}}以及线程 'philosopher'（参数为 4） 在持有 'fork_[4]' 时对 'fork_[0]' 加锁；这 5 个线程可能死锁，每个都在等待下一个 [tangle-lock-order-inversion]
// CHECK: 附注: 修复建议：让每个线程都按同一个全局顺序获取这些锁（例如总是按 fork_[0]、fork_[1]、fork_[2]、fork_[3]、fork_[4] 的顺序加锁），{{.*}}对于数组中的锁：先锁下标小的。
// CHECK: 附注: 重放这次交错执行：tangle replay --schedule '{{[0-9x,]+}}' {{.*}}philosophers.c
// CHECK: tangle: bugs: 在 {{[0-9]+}} 次执行中发现 1 个问题（已探索所有交错执行，{{[0-9.]+}} s）；静态检查：1 个问题
//
// WORDS: bugs
// WORDS-NEXT: lock
// WORDS-NEXT: replay
// WORDS-NEXT: s
// WORDS-NEXT: schedule
// WORDS-NEXT: scoped
// WORDS-NEXT: std
// WORDS-NEXT: tangle
//
// EN: philosophers.c:38:3: error: deadlock: thread 1 waits for fork_[1] held by thread 2, {{.*}} [deadlock.cycle] (dynamic)
// EN: note: fix: Make every thread take these locks in one global order
// EN: tangle: bugs: 1 finding in {{[0-9]+}} executions (every interleaving explored
//
// JSON-DAG: "hint":{{ ?}}"Make every thread take these locks in one global order
// JSON-DAG: "id":{{ ?}}"deadlock.cycle"
// JSON-DAG: "summary":{{ ?}}"deadlock: thread 1 waits for fork_[1] held by thread 2
// JSON-DAG: "verdict":{{ ?}}"bugs"
//
// REPLAY: 错误: 死锁：线程 1 等待 fork_[1]{{.*}}[deadlock.cycle] (动态)
// REPLAY: 附注: 修复建议：
// REPLAY: tangle: bugs: 在 1 次执行中发现 1 个问题
//
// BAD: tangle: error: --lang expects en or zh, got 'fr'
