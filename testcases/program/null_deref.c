// A crash that needs one particular interleaving: the closer thread sets the
// shared pointer to NULL (under the lock, correctly), and the reader copies
// the pointer under the lock but then uses it without checking. If the
// closer runs first, the reader dereferences NULL (SIGSEGV).
// Fix: null_checked.c.
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: %tangle check %s > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// RUN: %python %S/../Inputs/schedule.py %t.json program.crash > %t.schedule
// RUN: %tangle replay --schedule "$(cat %t.schedule)" %s --format json > %t.replay.json; test $? -eq 1
// RUN: FileCheck %s --check-prefix=REPLAY --input-file %t.replay.json
//
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"program.crash"
// REPLAY: "id":{{ ?}}"program.crash"
#include <pthread.h>
#include <stddef.h>

struct account {
  int balance;
};

pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
struct account savings = {100};
struct account *current = &savings; // protected by m; NULL once closed
int seen;

void *closer(void *arg) {
  pthread_mutex_lock(&m);
  current = NULL; // the account is closed
  pthread_mutex_unlock(&m);
  return NULL;
}

void *reader(void *arg) {
  pthread_mutex_lock(&m);
  struct account *a = current;
  pthread_mutex_unlock(&m);
  // TEXT: {{.*}}null_deref.c:[[@LINE+1]]:{{[0-9]+}}: error: {{.*}}SIGSEGV{{.*}}[program.crash]
  seen = a->balance; // bug: a is NULL if closer ran first
  return NULL;
}

int main(void) {
  pthread_t t1, t2;
  pthread_create(&t1, NULL, reader, NULL);
  pthread_create(&t2, NULL, closer, NULL);
  pthread_join(t1, NULL);
  pthread_join(t2, NULL);
  return 0;
}
