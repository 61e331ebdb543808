// tangle attach on a stall: worker takes `state` and waits on the condition
// `ready`, which nobody signals (a cond wait releases only its own mutex,
// `ready_lock`, so worker keeps `state`); reader waits to lock `state`,
// held by worker; main waits to join reader. No cycle, but every thread is
// blocked for good: deadlock.stall, with what each waits for and where,
// and the process left as it was. The twin (abba.c) has a cycle.
//
// REQUIRES: ptrace
// RUN: %clang -g -O0 -pthread %s -o %t.bin
// RUN: %python %S/../Inputs/attach.py --threads 3 --blocked --output %t.txt --program %t.bin -- %tangle attach {pid}
// RUN: FileCheck %s --input-file %t.txt
//
// CHECK: stall.c:[[#]]:3: error: deadlock: every live thread is blocked: {{.*}} [deadlock.stall]
// CHECK-DAG: stall.c:52:3: note: main thread waits here to join thread 2 (reader){{$}}
// CHECK-DAG: stall.c:30:3: note: thread 1 (worker) holds state, locked here
// CHECK-DAG: stall.c:34:5: note: thread 1 (worker) waits here to wait on condition ready
// CHECK-DAG: stall.c:41:3: note: thread 2 (reader) waits here to lock state, held by thread 1 (worker)
// CHECK: tangle: bugs: 1 finding in process [[#]] (3 threads, {{.*}})
// CHECK: attach exit code: 1
// CHECK: process after attach: unchanged, 3 threads blocked
#include <pthread.h>

pthread_mutex_t state = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t ready_lock = PTHREAD_MUTEX_INITIALIZER;
pthread_cond_t ready = PTHREAD_COND_INITIALIZER;
pthread_barrier_t state_taken;
int is_ready;

void *worker(void *arg) {
  pthread_mutex_lock(&state);
  pthread_barrier_wait(&state_taken);
  pthread_mutex_lock(&ready_lock);
  while (!is_ready)
    pthread_cond_wait(&ready, &ready_lock);
  pthread_mutex_unlock(&ready_lock);
  pthread_mutex_unlock(&state);
  return 0;
}

void *reader(void *arg) {
  pthread_mutex_lock(&state);
  pthread_mutex_unlock(&state);
  return 0;
}

int main(void) {
  pthread_t t1, t2;
  pthread_barrier_init(&state_taken, 0, 2);
  pthread_create(&t1, 0, worker, 0);
  pthread_barrier_wait(&state_taken); // worker holds state now
  pthread_create(&t2, 0, reader, 0);
  pthread_join(t2, 0);
  return 0;
}
