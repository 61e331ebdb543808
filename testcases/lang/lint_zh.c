// The static checks in Chinese: `tangle lint --lang zh`, the stand-alone
// `tangle-lint --lang zh` and the locale (LANG=zh_CN.UTF-8) word every
// warning and note through the message catalog (docs/cli.md, "Languages").
// The inputs are the lint testcases that between them say every sentence
// of every check (lock-order pair and cycle, arguments, thread numbering,
// files between threads and processes, globals and signal handlers, double
// lock through a call, unlock, missing unlock, condition wait, lambda
// threads). Once check ids, file paths and the program's names ('quoted')
// are taken out, the only ASCII words left are code names the Chinese keeps
// (volatile sig_atomic_t, lambda) and the tool's name. JSON stays English; English
// text is unchanged (the testcases in lint/ pin it); --lang fr is exit 2.
//
// RUN: rm -f %t.txt
// RUN: for f in ab_ba three_lock_cycle philosophers ticket_threads ticket_fork signal_handler_lock global_counter double_lock unlock_not_held missing_unlock cond_wait_if; do %tangle lint --lang zh %S/../lint/$f.c >> %t.txt; test $? -eq 1 || exit 1; done
// RUN: %tangle lint --lang zh %S/../lint/lambda_thread.cpp >> %t.txt; test $? -eq 1
// RUN: %tangle lint --lang zh %S/../file/ticket_threads.c >> %t.txt; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt
// RUN: sed -e 's/\[tangle-[a-z-]*\]//g' -e "s/'[^']*'//g" -e 's/[^ ]*testcases[^ ]*//g' %t.txt | grep -E -o '[A-Za-z_]+' | sort -u > %t.words
// RUN: FileCheck %s --check-prefix=WORDS --match-full-lines --input-file %t.words --implicit-check-not={{[A-Za-z]}}
// RUN: %tangle-lint --lang=zh %S/../lint/three_lock_cycle.c > %t.tool.txt; test $? -eq 1
// RUN: FileCheck %s --check-prefix=CYCLE --input-file %t.tool.txt
// RUN: env LC_ALL= LC_MESSAGES= LANG=zh_CN.UTF-8 %tangle-lint %S/../lint/three_lock_cycle.c > %t.env.txt; test $? -eq 1
// RUN: FileCheck %s --check-prefix=CYCLE --input-file %t.env.txt
// RUN: env LC_ALL= LC_MESSAGES= LANG=zh_CN.UTF-8 %tangle lint --format=json %S/../lint/three_lock_cycle.c > %t.json; test $? -eq 1
// RUN: FileCheck %s --check-prefix=JSON --input-file %t.json
// RUN: %tangle lint --lang fr %S/../lint/three_lock_cycle.c > %t.bad.txt 2>&1; test $? -eq 2
// RUN: FileCheck %s --check-prefix=BAD --input-file %t.bad.txt
//
// CHECK: ab_ba.c:16:3: 警告: 加锁顺序颠倒：线程 'forward' 在持有 'A' 时对 'B' 加锁，而 线程 'backward' 以相反的顺序对它们加锁；两者可能死锁 [tangle-lock-order-inversion]
// CHECK: 附注: 线程 'backward' 在此启动
// CHECK: tangle-lint 发现 1 个问题。
//
// CYCLE: three_lock_cycle.c:17:3: 警告: 加锁顺序成环：线程 'ab' 在持有 'A' 时对 'B' 加锁，线程 'bc' 在持有 'B' 时对 'C' 加锁，以及线程 'ca' 在持有 'C' 时对 'A' 加锁；这 3 个线程可能死锁，每个都在等待下一个 [tangle-lock-order-inversion]
// CYCLE-NEXT: three_lock_cycle.c:14:3: 附注: 线程 'ab' 先在此对 'A' 加锁
// CYCLE-NEXT: three_lock_cycle.c:45:3: 附注: 线程 'ab' 在此启动
// CYCLE-NEXT: three_lock_cycle.c:25:3: 附注: 线程 'bc' 先在此对 'B' 加锁
// CYCLE-NEXT: three_lock_cycle.c:27:3: 附注: 然后在持有 'B' 时在此对 'C' 加锁
// CYCLE: tangle-lint 发现 1 个问题。
//
// WORDS: lambda
// WORDS-NEXT: lint
// WORDS-NEXT: sig_atomic_t
// WORDS-NEXT: tangle
// WORDS-NEXT: volatile
//
// JSON: "summary": "lock-order cycle: thread 'ab' locks 'B' while holding 'A', thread 'bc' locks 'C' while holding 'B', and thread 'ca' locks 'A' while holding 'C'; the 3 threads can deadlock, each waiting for the next"
//
// BAD: tangle-lint: error: --lang expects en or zh, got 'fr'
int main(void) { return 0; }
