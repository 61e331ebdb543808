// memory_limit.c with 3 GiB: within the execution's memory limit, beside
// 500 threads alive whose stacks (4 GiB of address space) are not counted
// against it.
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json
//
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "findings":{{ ?}}[]
#include <pthread.h>
#include <stdlib.h>

#define N 500

static void *idle(void *arg) { return arg; }

int main(void) {
  static pthread_t t[N];
  for (int i = 0; i < N; i++)
    pthread_create(&t[i], NULL, idle, NULL);
  for (int i = 0; i < 3; i++) {
    char *block = malloc(1 << 30);
    block[0] = 1;
  }
  for (int i = 0; i < N; i++)
    pthread_join(t[i], NULL);
  return 0;
}
