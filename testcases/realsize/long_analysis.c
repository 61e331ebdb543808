// One execution whose analysis is long: the main thread stores N (3,000;
// 12,000 in the runs below) atomics (relaxed) while a reader loads them in
// turn. Each load races with its store, and each race asks for its own
// reordering of up to 512 steps:
// thousands of reorderings to answer in the analysis of the first execution
// alone. At a short budget the analysis stops where it is: the verdict is
// incomplete, stopped by timeout, and the note says the budget ran out
// inside the analysis (a limit, never a finding). An interrupt there ends
// the check with the partial report, as between two executions. (The
// interrupted run has no prediction: interrupt.py polls for the program's
// processes every 10 ms; once, in a fresh clone's suite, the signal came
// after the analysis of the first execution, outside any analysis, so no
// limit note. Without prediction, every later process of the program is
// an execution whose analysis is long too, so a late signal still lands
// in an analysis. In a later clone's suite the signal came in the
// milliseconds after an execution ended, while it was read back, before
// its analysis: interrupt.py now waits until tangle has used 100 ms of CPU
// since the end. It tells an execution's end by its process ending, so
// that run has a process per execution: --no-reuse-process.)
// The budget runs use 12,000 stores (and 0.5 s): as the analysis got
// faster (huge pages, then the fold's index of lock releases), 3,000
// stores let a 0.2 s budget end in the analysis of the second or third
// execution, or between two. With 12,000 the first analysis takes about a
// second here; on a slower or busier machine the count may still be 2, and
// then the first analysis was complete, so the schedules without
// preemptions are done: preemptions_complete 0 rather than -1.
// Twin: long_analysis_small.c (the same program with 3 atomics: complete).
//
// RUN: %tangle check %s --no-lint --strategy dpor --timeout 0.5 --format json -- -DN=12000 > %t.json; test $? -eq 3
// RUN: FileCheck %s --input-file %t.json
// RUN: %tangle check %s --no-lint --strategy dpor --timeout 0.5 -- -DN=12000 > %t.txt 2>&1; test $? -eq 3
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// RUN: rm -rf %t.tmp && mkdir -p %t.tmp
// RUN: %python %S/../Inputs/interrupt.py --signal INT --when analysing --mark %t.int --tmpdir %t.tmp --out %t.int.json -- %tangle check %s --no-lint --no-reuse-process --no-predict --strategy dpor --timeout 0 --format json -- -DN=12000; test $? -eq 130
// RUN: FileCheck %s --check-prefix=INT --input-file %t.int.json
// RUN: %python %S/../Inputs/leftovers.py %t.int %t.tmp
//
// CHECK-DAG: "verdict":{{ ?}}"incomplete"
// CHECK-DAG: "stopped_by":{{ ?}}"timeout"
// CHECK-DAG: "executions":{{ ?}}{{[12]}},
// CHECK-DAG: "limit":{{ ?}}"the time budget (--timeout) ran out during the analysis of an execution of {{[0-9]+}} steps
// CHECK-DAG: "findings":{{ ?}}[]
// CHECK-DAG: "preemptions_complete":{{ ?}}{{-1|0}},
// TEXT: note: the time budget (--timeout) ran out during the analysis of an execution of {{[0-9]+}} steps, before the interleavings its races lead to were all added to the search; that is a limit of the exploration, not a finding
// TEXT: tangle: incomplete: no findings in {{1 execution|2 executions}}{{.*}}stopped by timeout
// INT-DAG: "verdict":{{ ?}}"incomplete"
// INT-DAG: "stopped_by":{{ ?}}"interrupted"
// INT-DAG: "executions":{{ ?}}{{[1-9][0-9]*}},
// INT-DAG: "limit":{{ ?}}"the exploration was interrupted during the analysis of an execution of {{[0-9]+}} steps
#include <pthread.h>
#include <stdatomic.h>

#ifndef N
#define N 3000
#endif

static _Atomic int values[N];

static void *reader(void *arg) {
  long sum = 0;
  for (int i = 0; i < N; i++)
    sum += atomic_load_explicit(&values[i], memory_order_relaxed);
  return (void *)sum;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, 0, reader, 0);
  for (int i = 0; i < N; i++)
    atomic_store_explicit(&values[i], i, memory_order_relaxed);
  pthread_join(t, 0);
  return 0;
}
