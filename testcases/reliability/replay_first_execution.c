// A finding met in the first execution, where the default scheduler took
// every step, still prints a schedule that reads as one: `--schedule '0'`
// (main's first step), not `--schedule ''`, which replays the same but looks
// as if the schedule was lost. Replaying the printed command shows the same
// finding; the twin with a real choice (replay_mismatch.c's deadlock) prints
// its choices as before.
//
// RUN: rm -rf %t.tmp && mkdir -p %t.tmp
// RUN: env TMPDIR=%t.tmp TANGLE_TEST_MARK=%t.m %tangle check %s --no-lint > %t.txt; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt
// RUN: env TMPDIR=%t.tmp TANGLE_TEST_MARK=%t.m %tangle check %s --no-lint --format json > %t.json; test $? -eq 1
// RUN: %python %S/../Inputs/schedule.py %t.json memory.use-after-free > %t.schedule
// RUN: test "$(cat %t.schedule)" = 0
// RUN: env TMPDIR=%t.tmp TANGLE_TEST_MARK=%t.m %tangle replay --schedule "$(cat %t.schedule)" %s --format json > %t.replay.json; test $? -eq 1
// RUN: FileCheck %s --check-prefix=REPLAY --input-file %t.replay.json
// RUN: %python %S/../Inputs/leftovers.py %t.m %t.tmp
//
// CHECK: error: use after free of *p
// CHECK: note: replay this interleaving: tangle replay --schedule '0' {{.*}}replay_first_execution.c
// REPLAY: "id":{{ ?}}"memory.use-after-free"
#include <stdlib.h>

int *p;

int main(void) {
  p = malloc(sizeof *p);
  free(p);
  *p = 1;
  return 0;
}
