// tangle replay with a schedule that does not fit the program (another
// program's, a typo, a thread that does not exist) is the user's input that
// is wrong: exit 2 and one line saying where it parts from the program, with
// steps counted from 1 as in reports (main: create, lock a, lock b, unlock b,
// unlock a, join, exit; thread 1: start, lock b, lock a, unlock a, unlock b,
// exit). The schedule tangle printed for the deadlock replays it (the twin).
//
// RUN: rm -rf %t.tmp && mkdir -p %t.tmp
// RUN: env TMPDIR=%t.tmp TANGLE_TEST_MARK=%t.m %tangle check %s --no-lint --format json > %t.json; test $? -eq 1
// RUN: %python %S/../Inputs/schedule.py %t.json deadlock.cycle > %t.schedule
// RUN: env TMPDIR=%t.tmp TANGLE_TEST_MARK=%t.m %tangle replay --schedule "$(cat %t.schedule)" %s --format json > %t.replay.json; test $? -eq 1
// RUN: FileCheck %s --check-prefix=REPLAY --input-file %t.replay.json
// RUN: env TMPDIR=%t.tmp TANGLE_TEST_MARK=%t.m %tangle replay --schedule 0,7 %s > %t.nothread.txt 2>&1; test $? -eq 2
// RUN: env TMPDIR=%t.tmp TANGLE_TEST_MARK=%t.m %tangle replay --schedule 0x5,1x7 %s > %t.ended.txt 2>&1; test $? -eq 2
// RUN: env TMPDIR=%t.tmp TANGLE_TEST_MARK=%t.m %tangle replay --schedule 0x2,1,0x9 %s > %t.blocked.txt 2>&1; test $? -eq 2
// RUN: env TMPDIR=%t.tmp TANGLE_TEST_MARK=%t.m %tangle replay --schedule 0x5,1x6,0x20 %s > %t.toolong.txt 2>&1; test $? -eq 2
// RUN: env TMPDIR=%t.tmp TANGLE_TEST_MARK=%t.m %tangle replay --schedule 0x200 --max-steps 100 %s > %t.steps.txt 2>&1; test $? -eq 2
// RUN: cat %t.nothread.txt %t.ended.txt %t.blocked.txt %t.toolong.txt %t.steps.txt > %t.all.txt
// RUN: FileCheck %s --input-file %t.all.txt
// RUN: test $(wc -l < %t.all.txt) -eq 5
// RUN: %python %S/../Inputs/leftovers.py %t.m %t.tmp
//
// REPLAY: "id":{{ ?}}"deadlock.cycle"
// CHECK: tangle: error: schedule does not match the program: at step 2 it names thread 7, which does not exist at that point
// CHECK-NEXT: tangle: error: schedule does not match the program: at step 12 it names thread 1, which has already ended
// CHECK-NEXT: tangle: error: schedule does not match the program: at step 7 it names thread 0, which is blocked at that point
// CHECK-NEXT: tangle: error: schedule does not match the program: the program ended at step 13, before the schedule's 31 steps
// CHECK-NEXT: tangle: error: schedule does not match the program: it has 200 steps, more than --max-steps 100
#include <pthread.h>

pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER, b = PTHREAD_MUTEX_INITIALIZER;

void *other(void *arg) {
  pthread_mutex_lock(&b);
  pthread_mutex_lock(&a);
  pthread_mutex_unlock(&a);
  pthread_mutex_unlock(&b);
  return 0;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, 0, other, 0);
  pthread_mutex_lock(&a);
  pthread_mutex_lock(&b);
  pthread_mutex_unlock(&b);
  pthread_mutex_unlock(&a);
  pthread_join(t, 0);
  return 0;
}
