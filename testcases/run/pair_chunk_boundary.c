// A pair (a mutex's lock and unlock, one event in the record region:
// runtime/record_mutex.h) whose release finds its thread's chunk full goes
// the slow way (releaseEndsSlow: a new chunk, then the pair), and the trace
// is as if nothing happened. The thread makes 4,096 pairs: its start and
// 4,095 pairs fill its first chunk of 4,096 events (--trace keeps full
// chunks), the last pair takes the next. Every pair is in the trace, in
// order, a lock and its unlock. The twin runs without --trace: chunks of
// 85 events in a ring, a full chunk at every 85th event, and the summary
// counts every operation.
//
// RUN: %clang -g -O0 -fno-omit-frame-pointer -pthread %s -o %t.bin
// RUN: %tangle run --no-predict --trace %t.trace -- %t.bin > %t.txt 2>&1
// RUN: FileCheck %s --check-prefix=SUMMARY --input-file %t.txt
// RUN: %tangle trace-dump %t.trace > %t.dump
// RUN: FileCheck %s --input-file %t.dump
// RUN: grep -E ' (lock|unlock) ' %t.dump | paste - - > %t.pairs
// RUN: FileCheck %s --check-prefix=PAIRS --input-file %t.pairs
// RUN: %tangle run --no-predict -- %t.bin > %t.ring.txt 2>&1
// RUN: FileCheck %s --check-prefix=SUMMARY --input-file %t.ring.txt
//
// SUMMARY: the program exited with status 0 (8197 events of 2 threads recorded
//
// CHECK: thread 1 (parent 0) runs pairs: 8194 events
// CHECK-NEXT: start
//
// PAIRS-COUNT-4096: lock [[M:0x[0-9a-f]+]] -> 0 {{.*}}pair_chunk_boundary.c:[[#@LINE+8]]{{[[:space:]]+.*}}unlock [[M]] -> 0 {{.*}}pair_chunk_boundary.c:[[#@LINE+9]]{{$}}
// PAIRS-NOT: lock
#include <pthread.h>

pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;

void *pairs(void *arg) {
  for (int i = 0; i < 4096; ++i) {
    pthread_mutex_lock(&m);
    pthread_mutex_unlock(&m);
  }
  return 0;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, 0, pairs, 0);
  pthread_join(t, 0);
  return 0;
}
