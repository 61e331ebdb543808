// The course's example (死锁现象): mutexA is acquired twice by the same
// thread. A normal mutex is not recursive, so the second acquire waits for
// the lock the thread itself holds, forever; print(123) never runs.
// Fix (the course's 递归锁 / RLock): a recursive mutex, see
// recursive_mutex_ok.c.
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: %tangle check %s > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// RUN: %python %S/../Inputs/schedule.py %t.json lock.self-deadlock > %t.schedule
// RUN: %tangle replay --schedule "$(cat %t.schedule)" %s --format json > %t.replay.json; test $? -eq 1
// RUN: FileCheck %s --check-prefix=REPLAY --input-file %t.replay.json
//
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"lock.self-deadlock"
// CHECK-DAG: "object":{{ ?}}"mutexA"
// REPLAY: "id":{{ ?}}"lock.self-deadlock"
#include <pthread.h>
#include <stdio.h>

pthread_mutex_t mutexA = PTHREAD_MUTEX_INITIALIZER;

int main(void) {
  pthread_mutex_lock(&mutexA);
  // TEXT: {{.*}}self_deadlock_mutexA.c:[[@LINE+1]]:{{[0-9]+}}: error: {{.*}}mutexA{{.*}}[lock.self-deadlock]
  pthread_mutex_lock(&mutexA); // already ours: waits for itself
  printf("123\n");
  pthread_mutex_unlock(&mutexA);
  pthread_mutex_unlock(&mutexA);
  return 0;
}
