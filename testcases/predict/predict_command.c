// tangle predict TRACE: a recorded run of the AB/BA program (which ran
// without deadlocking: --no-predict keeps tangle run from predicting
// itself), predicted and confirmed from the trace; text, JSON, --verbose;
// and bad input: one line, exit 2.
//
// RUN: %tangle run %s --no-predict --trace %t.rec --format json > %t.run.json
// RUN: FileCheck %s --check-prefix=RECORD --input-file %t.run.json
// RUN: %tangle predict %t.rec --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: %tangle predict %t.rec --verbose > %t.txt; test $? -eq 1
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// RUN: %python %S/../Inputs/schedule.py %t.json deadlock.cycle > %t.schedule
// RUN: %tangle replay --schedule "$(cat %t.schedule)" %s --format json > %t.replay.json; test $? -eq 1
// RUN: FileCheck %s --check-prefix=REPLAY --input-file %t.replay.json
// RUN: %tangle predict %t.missing > %t.err.txt 2>&1; test $? -eq 2
// RUN: FileCheck %s --check-prefix=MISSING --input-file %t.err.txt
// RUN: %tangle predict %s > %t.err2.txt 2>&1; test $? -eq 2
// RUN: FileCheck %s --check-prefix=NOTTRACE --input-file %t.err2.txt
// RUN: %tangle predict > %t.err3.txt 2>&1; test $? -eq 2
// RUN: FileCheck %s --check-prefix=USAGE --input-file %t.err3.txt
//
// RECORD-NOT: "prediction"
// CHECK-DAG: "command":{{ ?}}"predict"
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"deadlock.cycle"
// CHECK-DAG: "found_by":{{ ?}}"prediction"
// CHECK-DAG: "confirmed":{{ ?}}1
// TEXT: error: deadlock: {{.*}}[deadlock.cycle]
// TEXT: predicted from a recorded run and confirmed by this replay
// TEXT: note: replay this interleaving: tangle replay --schedule
// TEXT: note: prediction: 1 lock-order cycles
// TEXT: note: prediction: thread 1 at {{.*}}predict_command.c:{{[0-9]+}}, thread 2 at {{.*}}: feasible in {{[0-9.]+}} s
// TEXT: tangle: bugs: 1 predicted deadlock confirmed by replay
// REPLAY-DAG: "id":{{ ?}}"deadlock.cycle"
// MISSING: tangle: error: {{.*}}missing
// NOTTRACE: tangle: error:
// USAGE: tangle: error: expected 'tangle predict TRACE'
#include <pthread.h>

pthread_mutex_t A = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t B = PTHREAD_MUTEX_INITIALIZER;
int shared;

void *t1(void *arg) {
  pthread_mutex_lock(&A);
  pthread_mutex_lock(&B);
  shared++;
  pthread_mutex_unlock(&B);
  pthread_mutex_unlock(&A);
  return 0;
}

void *t2(void *arg) {
  pthread_mutex_lock(&B);
  pthread_mutex_lock(&A);
  shared--;
  pthread_mutex_unlock(&A);
  pthread_mutex_unlock(&B);
  return 0;
}

int main(void) {
  pthread_t x, y;
  pthread_create(&x, 0, t1, 0);
  pthread_create(&y, 0, t2, 0);
  pthread_join(x, 0);
  pthread_join(y, 0);
  return 0;
}
