// A program run without the arguments it needs stops at its usage line in
// main, before it starts any thread: tangle has nothing to interleave, and
// "clean" alone would read as a proof. The report adds a note that the
// program ran one thread only, with its exit status and where arguments go.
// Given its argument, the same program starts its two threads and its race
// is found (no note). A built program gets the note with its own form of the
// command line.
//
// RUN: rm -rf %t.tmp && mkdir -p %t.tmp
// RUN: env TMPDIR=%t.tmp TANGLE_TEST_MARK=%t.m %tangle check %s --no-lint > %t.noargs.txt; test $? -eq 0
// RUN: FileCheck %s --check-prefix=NOARGS --input-file %t.noargs.txt
// RUN: env TMPDIR=%t.tmp TANGLE_TEST_MARK=%t.m %tangle check %s --no-lint --format json > %t.noargs.json; test $? -eq 0
// RUN: FileCheck %s --check-prefix=JSON --input-file %t.noargs.json
// RUN: env TMPDIR=%t.tmp TANGLE_TEST_MARK=%t.m %tangle check %s --no-lint --lang=zh > %t.zh.txt; test $? -eq 0
// RUN: FileCheck %s --check-prefix=ZH --input-file %t.zh.txt
// RUN: env TMPDIR=%t.tmp TANGLE_TEST_MARK=%t.m %tangle check %s --no-lint -- -DSUCCEED > %t.zero.txt; test $? -eq 0
// RUN: FileCheck %s --check-prefix=ZERO --input-file %t.zero.txt
// RUN: env TMPDIR=%t.tmp TANGLE_TEST_MARK=%t.m %tangle check %s --no-lint -- -- 2 > %t.args.txt; test $? -eq 1
// RUN: FileCheck %s --check-prefix=ARGS --input-file %t.args.txt
// RUN: %clang -g -O0 -pthread %s -o %t.bin
// RUN: env TMPDIR=%t.tmp TANGLE_TEST_MARK=%t.m %tangle check --no-lint -- %t.bin > %t.bin.txt; test $? -eq 0
// RUN: FileCheck %s --check-prefix=BIN --input-file %t.bin.txt
// RUN: %python %S/../Inputs/leftovers.py %t.m %t.tmp
//
// NOARGS: note: the program ran one thread only and exited with status 2: nothing ran concurrently, so there was nothing to interleave; if it needs arguments, give them after its command line: tangle check {{.*}}needs_arguments.c -- [compiler flags] -- ARGS
// NOARGS-NEXT: tangle: clean: no deadlock or lock misuse in 1 execution
// JSON-DAG: "exit_status":{{ ?}}2
// JSON-DAG: "pct_threads":{{ ?}}1
// JSON-DAG: "verdict":{{ ?}}"clean"
// ZH: 程序只运行了一个线程，并以状态 2 退出
// ZERO: note: the program ran one thread only: nothing ran concurrently, so there was nothing to interleave
// ZERO-NEXT: tangle: clean
// ARGS: error: data race on counter
// ARGS-NOT: ran one thread only
// ARGS: tangle: bugs: 1 finding
// BIN: note: the program ran one thread only and exited with status 2: {{.*}} tangle check -- {{.*}}needs_arguments.c.tmp.bin ARGS
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static int counter;

static void *work(void *arg) {
  for (int i = 0; i < *(int *)arg; ++i)
    counter++;
  return NULL;
}

int main(int argc, char **argv) {
#ifndef SUCCEED
  if (argc != 2) {
    fprintf(stderr, "usage: %s LOOPS\n", argv[0]);
    return 2;
  }
#else
  if (argc != 2)
    return 0;
#endif
  int loops = atoi(argv[1]);
  pthread_t a, b;
  pthread_create(&a, NULL, work, &loops);
  pthread_create(&b, NULL, work, &loops);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  printf("%d\n", counter);
  return 0;
}
