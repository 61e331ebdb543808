// tangle run --trace FILE writes the recorded run (docs/trace-format.md,
// "Recorded runs"); tangle trace-dump reads it back through the validating
// reader and prints each thread's events in order. The program uses a
// mutex, a trylock, a condition, a semaphore, a barrier, a rwlock, threads
// and a child process. A truncated or corrupt copy is refused with one line
// and exit 2 (the twin of the good trace).
//
// RUN: %clang -g -O0 -fno-omit-frame-pointer -pthread %s -o %t.bin
// RUN: %tangle run --trace %t.trace -- %t.bin > %t.txt 2>&1
// RUN: FileCheck %s --check-prefix=NOHANG --input-file %t.txt
// RUN: %tangle trace-dump %t.trace > %t.dump
// RUN: FileCheck %s --input-file %t.dump
// RUN: head -c 200 %t.trace > %t.short
// RUN: %tangle trace-dump %t.short > %t.short.txt 2>&1; test $? -eq 2
// RUN: FileCheck %s --check-prefix=SHORT --input-file %t.short.txt
// RUN: printf 'TNGLTRC\0' > %t.other
// RUN: %tangle trace-dump %t.other > %t.other.txt 2>&1; test $? -eq 2
// RUN: FileCheck %s --check-prefix=OTHER --input-file %t.other.txt
//
// NOHANG: tangle: no hang in this run: the program exited with status 0
//
// CHECK: recorded run of {{.*}}trace_roundtrip.c.tmp.bin: exited (status 0), 4 threads, 0 events dropped
// CHECK: thread 0: {{[0-9]+}} events
// CHECK: create -> 1 {{.*}}trace_roundtrip.c:85
// CHECK: create -> 2
// CHECK: sem-post {{.*}}trace_roundtrip.c:87
// CHECK: join 0x1 -> 0
// CHECK: fork {{.*}}-> 3
// CHECK: wait
// CHECK: process-exit
// CHECK: thread 1 (parent 0) runs first: {{[0-9]+}} events
// CHECK-NEXT: start
// CHECK-NEXT: lock {{.*}}-> 0 {{.*}}trace_roundtrip.c:64
// CHECK-NEXT: cond-signal
// CHECK-NEXT: unlock
// CHECK-NEXT: rdlock
// CHECK-NEXT: rwlock-unlock
// CHECK-NEXT: barrier-wait
// CHECK-NEXT: barrier-leave
// CHECK-NEXT: exit
// CHECK: thread 2 (parent 0) runs second: {{[0-9]+}} events
// CHECK: sem-wait
// CHECK-NEXT: trylock
// CHECK: barrier-leave
// CHECK: thread 3 (parent 0): 1 events
// CHECK-NEXT: process-exit
//
// SHORT: tangle: error: {{.*}}.short is truncated
// SHORT-NOT: error
// OTHER: tangle: error: {{.*}}.other is not the trace of a recorded run
#include <pthread.h>
#include <semaphore.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
pthread_cond_t c = PTHREAD_COND_INITIALIZER;
pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
pthread_barrier_t barrier;
sem_t sem;

void *first(void *arg) {
  pthread_mutex_lock(&m);
  pthread_cond_signal(&c);
  pthread_mutex_unlock(&m);
  pthread_rwlock_rdlock(&rw);
  pthread_rwlock_unlock(&rw);
  pthread_barrier_wait(&barrier);
  return 0;
}

void *second(void *arg) {
  sem_wait(&sem);
  if (pthread_mutex_trylock(&m) == 0)
    pthread_mutex_unlock(&m);
  pthread_barrier_wait(&barrier);
  return 0;
}

int main(void) {
  pthread_t t1, t2;
  sem_init(&sem, 0, 0);
  pthread_barrier_init(&barrier, 0, 2);
  pthread_create(&t1, 0, first, 0);
  pthread_create(&t2, 0, second, 0);
  sem_post(&sem);
  pthread_join(t1, 0);
  pthread_join(t2, 0);
  pid_t child = fork();
  if (child == 0)
    _exit(0);
  waitpid(child, 0, 0);
  return 0;
}
