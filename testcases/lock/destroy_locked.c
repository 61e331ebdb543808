// Destroying a mutex that is still locked: report() takes the lock to read
// the final total, then destroys the mutex without unlocking it first.
// pthread_mutex_destroy fails with EBUSY (or worse: POSIX says undefined).
// Fix: destroy_unlocked.c.
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: %tangle check %s > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// RUN: %python %S/../Inputs/schedule.py %t.json lock.destroy-locked > %t.schedule
// RUN: %tangle replay --schedule "$(cat %t.schedule)" %s --format json > %t.replay.json; test $? -eq 1
// RUN: FileCheck %s --check-prefix=REPLAY --input-file %t.replay.json
//
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"lock.destroy-locked"
// REPLAY: "id":{{ ?}}"lock.destroy-locked"
#include <pthread.h>

pthread_mutex_t m;
int total, final_total;

void *worker(void *arg) {
  pthread_mutex_lock(&m);
  total += 5;
  pthread_mutex_unlock(&m);
  return NULL;
}

void report(void) {
  pthread_mutex_lock(&m);
  final_total = total;
  // TEXT: {{.*}}destroy_locked.c:[[@LINE+1]]:{{[0-9]+}}: error: {{.*}}[lock.destroy-locked]
  pthread_mutex_destroy(&m); // bug: still locked (forgot the unlock)
}

int main(void) {
  pthread_t t1, t2;
  pthread_mutex_init(&m, NULL);
  pthread_create(&t1, NULL, worker, NULL);
  pthread_create(&t2, NULL, worker, NULL);
  pthread_join(t1, NULL);
  pthread_join(t2, NULL);
  report();
  return 0;
}
