// A program in two source files: `tangle check main.c other.c` compiles
// and links them together (one language), checks both, and names lines in
// either. Here the transfer in the other file locks its source account
// first, and two threads transfer in opposite directions: a deadlock whose
// locks are in Inputs/multi_file_account.c. The printed replay command
// names both files and replays the deadlock. The twin transfers one way
// only: clean. Bad input: a second file that does not exist, C mixed with
// C++, a second file that does not compile: one line, exit 2.
//
// RUN: cd %S && %tangle check multi_file.c ../Inputs/multi_file_account.c > %t.txt; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt
// RUN: cd %S && %tangle check multi_file.c ../Inputs/multi_file_account.c --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --check-prefix=JSON --input-file %t.json
// RUN: cd %S && %python %S/../Inputs/schedule.py %t.json deadlock.cycle > %t.schedule
// RUN: cd %S && %tangle replay --schedule "$(cat %t.schedule)" multi_file.c ../Inputs/multi_file_account.c > %t.replay.txt; test $? -eq 1
// RUN: FileCheck %s --check-prefix=REPLAY --input-file %t.replay.txt
// RUN: cd %S && %tangle check multi_file.c ../Inputs/multi_file_account.c -- -DONE_WAY > %t.twin.txt
// RUN: FileCheck %s --check-prefix=TWIN --input-file %t.twin.txt
// Program arguments after a second `--`, as for tangle run; the replay
// command carries them:
// RUN: cd %S && %tangle check multi_file.c ../Inputs/multi_file_account.c -- -DUSE_ARGS -- one-way > %t.args-clean.txt
// RUN: FileCheck %s --check-prefix=TWIN --input-file %t.args-clean.txt
// RUN: cd %S && %tangle check multi_file.c ../Inputs/multi_file_account.c -- -DUSE_ARGS -- both-ways > %t.args.txt; test $? -eq 1
// RUN: FileCheck %s --check-prefix=ARGS --input-file %t.args.txt
// RUN: cd %S && %tangle check multi_file.c ../Inputs/multi_file_account.c -- -DUSE_ARGS > %t.noargs.txt 2>&1; test $? -eq 0
// RUN: FileCheck %s --check-prefix=TWIN --input-file %t.noargs.txt
// RUN: cd %S && %tangle check multi_file.c missing_account.c > %t.missing.txt 2>&1; test $? -eq 2
// RUN: FileCheck %s --check-prefix=MISSING --input-file %t.missing.txt
// RUN: cd %S && %tangle check multi_file.c ../Inputs/multi_file_account.cpp > %t.mixed.txt 2>&1; test $? -eq 2
// RUN: FileCheck %s --check-prefix=MIXED --input-file %t.mixed.txt
// RUN: cd %S && %tangle check multi_file.c ../Inputs/multi_file_account.c -- -DBROKEN > %t.broken.txt 2>&1; test $? -eq 2
// RUN: FileCheck %s --check-prefix=BROKEN --input-file %t.broken.txt
//
// CHECK: multi_file_account.c:19:{{[0-9]+}}: error: deadlock: {{.*}} [deadlock.cycle]
// CHECK: multi_file_account.c:18:{{[0-9]+}}: note: thread {{[12]}} (mover) holds
// CHECK: multi_file.c:{{[0-9]+}}:{{[0-9]+}}: note: thread {{[12]}} (mover) is created here
// CHECK: note: replay this interleaving: tangle replay --schedule '{{[0-9x,]+}}' multi_file.c ../Inputs/multi_file_account.c
// CHECK: tangle: bugs: 1 finding in {{[0-9]+}} executions (every interleaving explored
//
// JSON: "program": "multi_file.c ../Inputs/multi_file_account.c"
//
// REPLAY: [deadlock.cycle]
//
// TWIN: tangle: clean: no deadlock or lock misuse in {{[0-9]+}} executions (every interleaving explored
//
// ARGS: [deadlock.cycle]
// ARGS: note: replay this interleaving: tangle replay --schedule '{{[0-9x,]+}}' multi_file.c ../Inputs/multi_file_account.c -- -DUSE_ARGS -- both-ways
//
// MISSING: tangle: error: {{.*}}missing_account.c{{.*}}
// MISSING-NOT: deadlock
//
// MIXED: tangle: error: 'multi_file.c' and '../Inputs/multi_file_account.cpp' are in different languages (C and C++): build the program yourself and write 'tangle check -- ./program'
//
// BROKEN: tangle: error: multi_file.c ../Inputs/multi_file_account.c do not compile
#include <pthread.h>
#include <string.h>

struct account;
extern struct account savings, checking;
void transfer(struct account *from, struct account *to, long amount);

void *mover(void *backwards) {
  if (backwards)
    transfer(&checking, &savings, 10);
  else
    transfer(&savings, &checking, 10);
  return 0;
}

int main(int argc, char **argv) {
  pthread_t one, two;
#if defined(USE_ARGS)
  // Both ways only when asked to (argv[1] is "both-ways").
  int oneWay = argc < 2 || strcmp(argv[1], "both-ways") != 0;
#elif defined(ONE_WAY)
  int oneWay = 1;
#else
  int oneWay = 0;
#endif
  pthread_create(&one, 0, mover, 0);
  pthread_create(&two, 0, mover, oneWay ? 0 : (void *)1);
  pthread_join(one, 0);
  pthread_join(two, 0);
  return 0;
}
