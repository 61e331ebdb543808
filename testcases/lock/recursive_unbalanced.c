// A recursive mutex released more often than it was acquired: update()
// locks once but unlocks twice (the second unlock was copied from a version
// that called a locking helper). The extra release is an error on a
// recursive mutex (EPERM). Fix: recursive_mutex_ok.c.
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: %tangle check %s > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// RUN: %python %S/../Inputs/schedule.py %t.json lock.recursive-unbalanced > %t.schedule
// RUN: %tangle replay --schedule "$(cat %t.schedule)" %s --format json > %t.replay.json; test $? -eq 1
// RUN: FileCheck %s --check-prefix=REPLAY --input-file %t.replay.json
//
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"lock.recursive-unbalanced"
// REPLAY: "id":{{ ?}}"lock.recursive-unbalanced"
#define _XOPEN_SOURCE 700 // for pthread_mutexattr_settype
#include <pthread.h>

pthread_mutex_t r;
int value;

void *update(void *arg) {
  pthread_mutex_lock(&r);
  value++;
  pthread_mutex_unlock(&r);
  // TEXT: {{.*}}recursive_unbalanced.c:[[@LINE+1]]:{{[0-9]+}}: error: {{.*}}[lock.recursive-unbalanced]
  pthread_mutex_unlock(&r); // one release too many
  return NULL;
}

int main(void) {
  pthread_mutexattr_t attr;
  pthread_mutexattr_init(&attr);
  pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
  pthread_mutex_init(&r, &attr);
  pthread_mutexattr_destroy(&attr);

  pthread_t t;
  pthread_create(&t, NULL, update, NULL);
  pthread_join(t, NULL);
  return 0;
}
