// Unlock by a thread that is not the owner: main holds the lock, and the
// worker "releases" it although it never locked it. POSIX leaves this
// undefined for a default mutex. Fix: unlock_owner.c.
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: %tangle check %s > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// RUN: %python %S/../Inputs/schedule.py %t.json lock.unlock-not-owner > %t.schedule
// RUN: %tangle replay --schedule "$(cat %t.schedule)" %s --format json > %t.replay.json; test $? -eq 1
// RUN: FileCheck %s --check-prefix=REPLAY --input-file %t.replay.json
//
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"lock.unlock-not-owner"
// REPLAY: "id":{{ ?}}"lock.unlock-not-owner"
#include <pthread.h>

pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
int total;

void *worker(void *arg) {
  total += 5; // (a race too, but the lock bug is the point here)
  // TEXT: {{.*}}unlock_not_owner.c:[[@LINE+1]]:{{[0-9]+}}: error: {{.*}}[lock.unlock-not-owner]
  pthread_mutex_unlock(&m); // bug: main holds m, not this thread
  return NULL;
}

int main(void) {
  pthread_t t;
  pthread_mutex_lock(&m);
  total = 1;
  pthread_create(&t, NULL, worker, NULL);
  pthread_join(t, NULL);
  pthread_mutex_unlock(&m);
  return 0;
}
