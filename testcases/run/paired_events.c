// A mutex's acquisition and its release are one event in the record region
// (runtime/record_protocol.h, packPair: written at the release), and two
// in the trace, as before: tangle splits each pair when it reads the
// region and puts the acquisitions still pending in the held records back
// (docs/runtime.md, "Record mode"). Thread 1 nests two mutexes (the inner
// pair is written first, the trace keeps program order), takes a recursive
// one twice (the second acquisition writes the first), waits on a
// condition (the wait writes the pending acquisition before it releases),
// and ends holding a mutex; main ends holding another. Both held ones are
// in the trace as acquisitions without a release, and the summary counts
// every operation of the trace. The twin (-DRELEASE) releases both: the
// trace has their unlocks.
//
// RUN: %clang -g -O0 -fno-omit-frame-pointer -pthread %s -o %t.bin
// RUN: %tangle run --no-predict --trace %t.trace -- %t.bin > %t.txt 2>&1
// RUN: FileCheck %s --check-prefix=SUMMARY --input-file %t.txt
// RUN: %tangle trace-dump %t.trace > %t.dump
// RUN: FileCheck %s --input-file %t.dump
// RUN: %clang -g -O0 -fno-omit-frame-pointer -pthread -DRELEASE %s -o %t.released
// RUN: %tangle run --no-predict --trace %t.released.trace -- %t.released > %t.released.txt 2>&1
// RUN: FileCheck %s --check-prefix=SUMMARY-RELEASED --input-file %t.released.txt
// RUN: %tangle trace-dump %t.released.trace > %t.released.dump
// RUN: FileCheck %s --check-prefixes=CHECK,RELEASED --input-file %t.released.dump
//
// SUMMARY: the program exited with status 0 (24 events of 2 threads recorded
// SUMMARY-RELEASED: the program exited with status 0 (26 events of 2 threads recorded
//
// CHECK: thread 0: {{[0-9]+}} events
// CHECK: create -> 1 {{.*}}paired_events.c
// CHECK-NEXT: sem-wait {{.*}}paired_events.c
// CHECK-NEXT: lock {{.*}}paired_events.c
// CHECK-NEXT: cond-signal {{.*}}paired_events.c
// CHECK-NEXT: unlock {{.*}}paired_events.c
// CHECK-NEXT: join {{.*}}paired_events.c
// CHECK-NEXT: lock {{.*}}paired_events.c:[[#LINE_MAIN:]]
// RELEASED-NEXT: unlock {{.*}}paired_events.c:[[#LINE_MAIN+2]]
// CHECK-NEXT: process-exit
// CHECK: thread 1 (parent 0) runs nested: {{[0-9]+}} events
// CHECK-NEXT: start
// CHECK-NEXT: lock [[A:0x[0-9a-f]+]] -> 0 {{.*}}paired_events.c:[[#LINE_A:]]
// CHECK-NEXT: lock [[B:0x[0-9a-f]+]] -> 0 {{.*}}paired_events.c:[[#LINE_A+1]]
// CHECK-NEXT: unlock [[B]] -> 0 {{.*}}paired_events.c:[[#LINE_A+2]]
// CHECK-NEXT: unlock [[A]] -> 0 {{.*}}paired_events.c:[[#LINE_A+3]]
// CHECK-NEXT: lock [[R:0x[0-9a-f]+]] -> 0 {{.*}}paired_events.c:[[#LINE_A+4]]
// CHECK-NEXT: lock [[R]] -> 0 {{.*}}paired_events.c:[[#LINE_A+5]]
// CHECK-NEXT: unlock [[R]] -> 0 {{.*}}paired_events.c:[[#LINE_A+6]]
// CHECK-NEXT: unlock [[R]] -> 0 {{.*}}paired_events.c:[[#LINE_A+7]]
// CHECK-NEXT: lock [[A]] -> 0 {{.*}}paired_events.c:[[#LINE_A+8]]
// CHECK-NEXT: sem-post {{.*}}paired_events.c
// CHECK-NEXT: cond-wait {{.*}}paired_events.c:[[#LINE_A+11]]
// CHECK-NEXT: cond-wake {{.*}}paired_events.c:[[#LINE_A+11]]
// CHECK-NEXT: unlock [[A]] -> 0 {{.*}}paired_events.c:[[#LINE_A+12]]
// CHECK-NEXT: lock {{.*}}paired_events.c:[[#LINE_A+13]]
// RELEASED-NEXT: unlock {{.*}}paired_events.c:[[#LINE_A+15]]
// CHECK-NEXT: exit
#include <pthread.h>
#include <semaphore.h>

pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER, b = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t kept = PTHREAD_MUTEX_INITIALIZER,
                mainKept = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t r;
pthread_cond_t c = PTHREAD_COND_INITIALIZER;
sem_t waiting;
int ready;

void *nested(void *arg) {
  pthread_mutex_lock(&a);
  pthread_mutex_lock(&b);
  pthread_mutex_unlock(&b);
  pthread_mutex_unlock(&a);
  pthread_mutex_lock(&r);
  pthread_mutex_lock(&r);
  pthread_mutex_unlock(&r);
  pthread_mutex_unlock(&r);
  pthread_mutex_lock(&a);
  sem_post(&waiting); // main takes `a` only once the wait released it
  while (!ready)
    pthread_cond_wait(&c, &a);
  pthread_mutex_unlock(&a);
  pthread_mutex_lock(&kept);
#ifdef RELEASE
  pthread_mutex_unlock(&kept);
#endif
  return 0;
}

int main(void) {
  pthread_mutexattr_t attr;
  pthread_mutexattr_init(&attr);
  pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
  pthread_mutex_init(&r, &attr);
  sem_init(&waiting, 0, 0);
  pthread_t t;
  pthread_create(&t, 0, nested, 0);
  sem_wait(&waiting);
  pthread_mutex_lock(&a);
  ready = 1;
  pthread_cond_signal(&c);
  pthread_mutex_unlock(&a);
  pthread_join(t, 0);
  pthread_mutex_lock(&mainKept);
#ifdef RELEASE
  pthread_mutex_unlock(&mainKept);
#endif
  return 0;
}
