// peterson.c without the turn variable: each thread announces that it wants
// in and spins while the other wants in too. When both announce before
// either looks, both spin forever, each waiting for the other: a livelock,
// reported as deadlock.stall with both spins. (Mutual exclusion still
// holds: the bug is the hang.)
//
// RUN: %tangle check %S/peterson.c --no-lint -- -DNO_TURN > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt
// RUN: %tangle check %S/peterson.c --no-lint --format json -- -DNO_TURN > %t.json; test $? -eq 1
// RUN: %python %S/../Inputs/schedule.py %t.json deadlock.stall > %t.schedule
// CHECK: error: deadlock: every live thread is blocked: {{.*}}thread 1 spins on want[1] in worker at line 28{{.*}}thread 2 spins on want[0] in worker at line 28{{.*}}[deadlock.stall]
// CHECK: thread 1 (worker)  spins: atomic load   want[1]
// CHECK: thread 2 (worker)  spins: atomic load   want[0]
// RUN: %tangle replay --schedule "$(cat %t.schedule)" %S/peterson.c -- -DNO_TURN > %t.replay 2>&1; test $? -eq 1
// RUN: FileCheck %s --check-prefix=REPLAY --input-file %t.replay
// REPLAY: [deadlock.stall]
