// tangle run: main spins on a flag that nothing sets, without any recorded
// operation. Once nothing has moved for --hang-after seconds and the thread
// is running, the watchdog samples it and reports program.hang at the
// looping line, then ends the program; its hint names --hang-after (not
// check's limits). The twin's helper thread sets the
// flag: the run ends normally, with no hang; the replay of its recorded order
// then shows what the flag is, a plain variable written and read with no lock
// (race.data). The twin's --hang-after is long: on a loaded machine the
// setter may not get a CPU within half a second, and the run ends as soon as
// it does.
//
// RUN: rm -rf %t.tmp && mkdir -p %t.tmp
// RUN: env TMPDIR=%t.tmp TANGLE_TEST_MARK=%t.spin %tangle run %s --hang-after 0.5 > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt
// RUN: %python %S/../Inputs/leftovers.py %t.spin %t.tmp
// RUN: %tangle run %s --hang-after 30 -- -DSET > %t.set.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --check-prefix=SET --input-file %t.set.txt
//
// CHECK: busy_loop.c:[[#@LINE+23]]:{{[0-9]+}}: error: a thread ran for 0.50 s without any recorded operation while no other thread made progress: it may loop forever [program.hang]
// CHECK-NOT: execution-timeout
// CHECK: raise --hang-after if the program just computes for that long
// CHECK: tangle: bugs: 1 finding in one recorded run
//
// SET-NOT: program.hang
// SET: data race on flag: thread 1 (setter) writes it {{.*}} while main thread reads it {{.*}} [race.data]
// SET-NOT: program.hang
// SET: tangle: bugs: 1 finding in one recorded run
#include <pthread.h>

volatile int flag;

void *setter(void *arg) {
  flag = 1;
  return 0;
}

int main(void) {
#ifdef SET
  pthread_t t;
  pthread_create(&t, 0, setter, 0);
#endif
  while (!flag)
    ;
#ifdef SET
  pthread_join(t, 0);
#endif
  return 0;
}
