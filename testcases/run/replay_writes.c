// `tangle run FILE.c` predicts after the run, and its replays (the races'
// replay of the recorded order, each confirmation) run the program again.
// This program appends one line to the file its argument names, then two
// threads take a mutex. Before, the replay appended a second line to the
// user's file (pigz -f, replayed and stopped at a step that did not fit,
// left its output empty: docs/bench.md, "Record mode on real programs").
// A built program (no memory hooks) was replayed too, for races it could
// not check: now it is not replayed at all. For a compiled source file
// the replays run in the sandbox (docs/cli.md, "--sandbox"): their
// writes land in tangle's scratch folder, the file keeps the run's one
// line, and the prediction still checks races (1 race on `counter`,
// which the threads update without the mutex).
//
// RUN: rm -f %t.log
// RUN: %tangle run %s -- -- %t.log > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt
// RUN: FileCheck %s --check-prefix=LOG --input-file %t.log
// RUN: rm -f %t.built.log
// RUN: %clang -g -O0 -fno-omit-frame-pointer -pthread %s -o %t.bin
// RUN: %tangle run -- %t.bin %t.built.log > %t.built.txt 2>&1
// RUN: FileCheck %s --check-prefix=BUILT --input-file %t.built.txt
// RUN: FileCheck %s --check-prefix=LOG --input-file %t.built.log
//
// CHECK: 1 race in the replay of the recorded order
// CHECK-NOT: its replays ran the program again
// CHECK: tangle: bugs: 1 finding in one recorded run
//
// BUILT: races not checked (the program has no memory instrumentation)
// BUILT: tangle: no hang in this run: the program exited with status 0
//
// LOG: the run
// LOG-NOT: the run
#include <pthread.h>
#include <stdio.h>

pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
int counter;

void *work(void *arg) {
  pthread_mutex_lock(&lock);
  pthread_mutex_unlock(&lock);
  ++counter;
  return arg;
}

int main(int argc, char **argv) {
  FILE *log = fopen(argv[1], "a");
  if (!log)
    return 1;
  fputs("the run\n", log);
  fclose(log);
  pthread_t a, b;
  pthread_create(&a, 0, work, 0);
  pthread_create(&b, 0, work, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  return 0;
}
