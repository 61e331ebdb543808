// Two threads each sweep an array of their own 300 times (2.4 million
// accesses each, every one at another address than the 128 before it, so
// the repeat filter keeps none out), then add 1 to a shared global without
// a lock. The first sweep fills the access log (1 Mi entries): what comes
// after it is not checked for races, the unlocked `shared++` among it. The
// static check warns of that global; the exploration, complete as it is,
// neither shows nor rules out a race it could not see, so the warning stays
// with a note that says why ("races-partial", not counted). Before, the
// warning was counted as refuted by the exploration and not shown. The twin
// sweeps 3 times: everything is logged and the race is found, which
// confirms the warning.
//
// RUN: %tangle check %s > %t.txt; test $? -eq 0
// RUN: FileCheck %s --input-file %t.txt --implicit-check-not=refuted
// RUN: %tangle check %s --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --check-prefix=JSON --input-file %t.json
// RUN: %tangle check %s -- -DPASSES=3 > %t.few.txt; test $? -eq 1
// RUN: FileCheck %s --check-prefix=FEW --input-file %t.few.txt --implicit-check-not="checked in part"
//
// CHECK: sweep_fills_access_log.c:[[#@LINE+27]]:{{[0-9]+}}: warning: {{.*}}shared{{.*}} [tangle-shared-global-unlocked] (static)
// CHECK: note: not confirmed: data races were checked in part (an execution made more memory accesses than the access log holds), so the exploration neither shows it nor rules it out; not counted in the verdict
// CHECK: note: data races were checked in part
// CHECK: tangle: clean: no deadlock or lock misuse in 1 execution
//
// JSON: "races_partial": true
// JSON: "confirmation": "races-partial"
//
// FEW: error: data race on shared
// FEW: note: the static checks warn of this too: {{.*}}[tangle-shared-global-unlocked]
// FEW: tangle: bugs:
#include <pthread.h>
#include <stdio.h>

#ifndef PASSES
#define PASSES 300
#endif
#define M 4096

static int arrays[2][M];
int shared;

void *sweep(void *arg) {
  int *a = arrays[(long)arg];
  for (int p = 0; p < PASSES; p++)
    for (int i = 0; i < M; i++)
      a[i] = a[i] * 3 + i + p;
  shared++;
  return 0;
}

int main(void) {
  pthread_t t[2];
  for (long i = 0; i < 2; i++)
    pthread_create(&t[i], 0, sweep, (void *)i);
  for (int i = 0; i < 2; i++)
    pthread_join(t[i], 0);
  printf("%d\n", shared);
  return 0;
}
