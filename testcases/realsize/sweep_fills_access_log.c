// Two threads each sweep an array of their own 300 times, then add 1 to a
// shared global without a lock. In a scattered order (the default here: a
// multiplicative hash of the index) each access is at another address than
// the 128 before it, at no regular distance from the one before, so neither
// the repeat filter nor a run keeps any out of the access log: 2.4 million
// accesses a thread, and the first thread's fill the log (1 Mi entries). What
// comes after is not checked for races, the unlocked `shared++` among it. The
// static check warns of that global; the exploration, complete as it is,
// neither shows nor rules out a race it could not see, so the warning stays
// with a note that says why
// ("races-partial", not counted). Before, the warning was counted as
// refuted by the exploration and not shown.
//
// The twins sweep in order, up and down the array, and with a stride of 7
// elements: each instruction's accesses of a pass make one run, one log
// entry (a range of 16 KiB, or a strided run of 4,096 elements of which the
// stride's wrap-arounds start a few more), and the later passes lie inside
// it (runtime/tsan_interface.cpp, extendedRun). Nothing is left unchecked:
// the race is found and confirms the warning. Before runs, these sweeps
// filled the log as the scattered one does.
//
// RUN: %tangle check %s > %t.txt; test $? -eq 0
// RUN: FileCheck %s --input-file %t.txt --implicit-check-not=refuted
// RUN: %tangle check %s --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --check-prefix=JSON --input-file %t.json
// RUN: %tangle check %s -- -DSTRIDE=1 > %t.up.txt; test $? -eq 1
// RUN: FileCheck %s --check-prefix=RUNS --input-file %t.up.txt --implicit-check-not="checked in part"
// RUN: %tangle check %s -- -DSTRIDE=7 > %t.up.txt; test $? -eq 1
// RUN: FileCheck %s --check-prefix=RUNS --input-file %t.up.txt --implicit-check-not="checked in part"
// RUN: %tangle check %s -- -DSTRIDE=1 -DDOWN > %t.down.txt; test $? -eq 1
// RUN: FileCheck %s --check-prefix=RUNS --input-file %t.down.txt --implicit-check-not="checked in part"
//
// CHECK: sweep_fills_access_log.c:[[#@LINE+32]]:{{[0-9]+}}: warning: {{.*}}shared{{.*}} [tangle-shared-global-unlocked] (static)
// CHECK: note: not confirmed: data races were checked in part (an execution made more memory accesses than the access log holds), so the exploration neither shows it nor rules it out; not counted in the verdict
// CHECK: note: data races were checked in part
// CHECK: tangle: clean: no deadlock or lock misuse in 1 execution
//
// JSON: "races_partial": true
// JSON: "confirmation": "races-partial"
//
// RUNS: sweep_fills_access_log.c:[[#@LINE+24]]:{{[0-9]+}}: error: data race on shared: thread 2 (sweep) writes it {{.*}}[race.data]
// RUNS: note: the static checks warn of this too: {{.*}}[tangle-shared-global-unlocked]
// RUNS: tangle: bugs: 1 finding in 1 execution
#include <pthread.h>
#include <stdio.h>

#define M 4096

static int arrays[2][M];
int shared;

void *sweep(void *arg) {
  int *a = arrays[(long)arg];
  for (int p = 0; p < 300; p++)
    for (int i = 0; i < M; i++) {
#if defined(DOWN)
      int at = M - 1 - i;
#elif defined(STRIDE)
      int at = (i * STRIDE) % M;
#else
      int at = (unsigned)i * 2654435761u >> 20; // 0 .. M - 1, scattered
#endif
      a[at] = a[at] * 3 + i + p;
    }
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
