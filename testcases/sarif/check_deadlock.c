// tangle check --format sarif on the AB/BA deadlock: one SARIF 2.1.0 run
// with the dynamic deadlock.cycle (level error, its witness as one code
// flow with a thread flow per thread, the replay command in its
// properties) and the static lock-order inversion it confirms, in one
// file; the structure test of lint's SARIF, extended to code flows, passes.
//
// RUN: rm -rf %t.dir && mkdir -p %t.dir && cp %s %t.dir/ab_ba.c && cd %t.dir
// RUN: %tangle check ab_ba.c --format sarif > %t.sarif; test $? -eq 1
// RUN: %python %S/Inputs/check_sarif.py %t.sarif %srcroot/docs/findings.md 2 | FileCheck %s --check-prefix=VALID
// RUN: FileCheck %s --input-file %t.sarif
//
// VALID: OK 2 results, 1 code flows
// CHECK: "results": [
// CHECK: "codeFlows": [
// CHECK: "message": {
// CHECK-NEXT: "text": "the interleaving (tangle replay --schedule '{{[0-9x,]+}}')"
// CHECK: "threadFlows": [
// CHECK-NEXT: {
// CHECK-NEXT: "id": "0",
// CHECK-NEXT: "locations": [
// CHECK: "executionOrder": 1,
// CHECK: "text": "step 1: main thread create thread 1 (t1)"
// CHECK: "text": "main thread"
// CHECK: "id": "1",
// CHECK: "kinds": [
// CHECK-NEXT: "blocked"
// CHECK: "text": "blocked: thread 1 (t1) lock B"
// CHECK: "text": "thread 1 (t1)"
// CHECK: "id": "2",
// CHECK: "text": "thread 2 (t2)"
// CHECK: "level": "error",
// CHECK: "uri": "ab_ba.c",
// CHECK-NEXT: "uriBaseId": "SRCROOT"
// CHECK: "properties": {
// CHECK-NEXT: "counted": true,
// CHECK: "replay": "tangle replay --schedule {{.*}} ab_ba.c",
// CHECK-NEXT: "schedule":
// CHECK-NEXT: "source": "dynamic"
// CHECK: "ruleId": "deadlock.cycle"
// CHECK: "level": "warning",
// CHECK: "properties": {
// CHECK-NEXT: "confirmation": "confirmed",
// CHECK-NEXT: "confirmedBy": "deadlock.cycle",
// CHECK-NEXT: "counted": true,
// CHECK-NEXT: "source": "static"
// CHECK: "ruleId": "tangle-lock-order-inversion"
// CHECK: "version": "2.1.0"
#include <pthread.h>

pthread_mutex_t A = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t B = PTHREAD_MUTEX_INITIALIZER;

void *t1(void *arg) {
  pthread_mutex_lock(&A);
  pthread_mutex_lock(&B);
  pthread_mutex_unlock(&B);
  pthread_mutex_unlock(&A);
  return NULL;
}

void *t2(void *arg) {
  pthread_mutex_lock(&B);
  pthread_mutex_lock(&A);
  pthread_mutex_unlock(&A);
  pthread_mutex_unlock(&B);
  return NULL;
}

int main(void) {
  pthread_t x, y;
  pthread_create(&x, NULL, t1, NULL);
  pthread_create(&y, NULL, t2, NULL);
  pthread_join(x, NULL);
  pthread_join(y, NULL);
  return 0;
}
