// SARIF output: one run for the whole invocation (two files here), the rules
// table, results with ruleId, locations relative to the source root and
// partialFingerprints. The clean file alone gives a valid, empty run. The
// races on `counter` share the site `counter++`: one result.
//
// RUN: cd %S && %tangle-lint --format=sarif --source-root=%S %s ab_ba.c -- > %t.sarif; test $? -eq 1
// RUN: %python %S/Inputs/check_sarif.py %t.sarif 2 | FileCheck %s --check-prefix=VALID
// RUN: FileCheck %s --input-file %t.sarif --check-prefix=SARIF
// RUN: cd %S && %tangle-lint --format sarif --source-root %S ab_ba_gate.c -- > %t.clean.sarif; test $? -eq 0
// RUN: %python %S/Inputs/check_sarif.py %t.clean.sarif 0 | FileCheck %s --check-prefix=CLEAN
// VALID: OK 2 results
// CLEAN: OK 0 results
// SARIF-DAG: "version": "2.1.0"
// SARIF-DAG: "ruleId": "tangle-shared-global-unlocked"
// SARIF-DAG: "ruleId": "tangle-lock-order-inversion"
// SARIF-DAG: "uri": "sarif.c"
// SARIF-DAG: "uri": "ab_ba.c"
#include <pthread.h>

static int counter;

static void *count(void *arg) {
  counter++;
  return NULL;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, count, NULL);
  pthread_create(&b, NULL, count, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  pthread_t c;
  pthread_create(&c, NULL, count, NULL);
  counter = 0; // races with the thread still running
  pthread_join(c, NULL);
  return 0;
}
