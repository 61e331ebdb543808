// The course's 死锁现象 with tangle/sync.h: mutexA is a Lock, not an RLock,
// so the second acquire by the thread that holds it waits forever. Clean
// twin (an RLock): rlock_twice.c.
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: %tangle check %s > %t.txt; test $? -eq 1
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// RUN: %python %S/../Inputs/schedule.py %t.json lock.self-deadlock > %t.schedule
// RUN: %tangle replay --schedule "$(cat %t.schedule)" %s --format json > %t.replay.json; test $? -eq 1
// RUN: FileCheck %s --check-prefix=REPLAY --input-file %t.replay.json
//
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"lock.self-deadlock"
// CHECK-DAG: "object":{{ ?}}"mutexA.mutex"
// REPLAY: "id":{{ ?}}"lock.self-deadlock"
#include <stdio.h>
#include <tangle/sync.h>

tangle_lock_t mutexA = TANGLE_LOCK_INITIALIZER;

int main(void) {
  tangle_lock_acquire(&mutexA);
  // TEXT: lock_twice.c:[[@LINE+1]]:{{[0-9]+}}: error: main thread locks mutexA.mutex, which it already holds{{.*}}[lock.self-deadlock]
  tangle_lock_acquire(&mutexA);
  printf("123\n");
  tangle_lock_release(&mutexA);
  tangle_lock_release(&mutexA);
  return 0;
}
