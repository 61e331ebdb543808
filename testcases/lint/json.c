// JSON output: tangle's finding shape with each finding marked static.
//
// RUN: cd %S && %tangle-lint --format=json --source-root=%S %s -- > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: %python -c "import json,sys; d=json.load(open(sys.argv[1])); assert d['verdict']=='bugs' and d['findings'][0]['kind']=='static', d" %t.json
// CHECK: "findings": [
// CHECK: "id": "tangle-double-lock"
// CHECK: "kind": "static"
// CHECK: "file": "json.c"
// CHECK-NEXT: "line": [[#@LINE+6]]
// CHECK: "verdict": "bugs"
#include <pthread.h>
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
int main(void) {
  pthread_mutex_lock(&m);
  pthread_mutex_lock(&m);
  pthread_mutex_unlock(&m);
  return 0;
}
