// tangle attach on a stall of other objects: a semaphore nobody posts, a
// barrier of 3 with one arrival, a reader waiting for a rwlock main holds
// for writing (glibc's __cur_writer names main), and main joining the
// semaphore's waiter. Each wait is shown with its object and line.
//
// REQUIRES: ptrace
// RUN: %clang -g -O0 -pthread %s -o %t.bin
// RUN: %python %S/../Inputs/attach.py --threads 4 --blocked --output %t.txt --program %t.bin -- %tangle attach {pid}
// RUN: FileCheck %s --input-file %t.txt
//
// CHECK: stall_objects.c:[[#]]:3: error: deadlock: every live thread is blocked: {{.*}} [deadlock.stall]
// CHECK-DAG: note: main thread holds table
// CHECK-DAG: stall_objects.c:51:3: note: main thread waits here to join thread 1 (poster)
// CHECK-DAG: stall_objects.c:34:3: note: thread 1 (poster) waits here to wait on semaphore slots
// CHECK-DAG: stall_objects.c:39:3: note: thread 2 (arriver) waits here to wait at barrier gate
// CHECK-DAG: stall_objects.c:28:3: note: thread 3 (reader) waits here to rdlock table, held by main thread
// CHECK: tangle: bugs: 1 finding in process [[#]] (4 threads, {{.*}})
// CHECK: attach exit code: 1
// CHECK: process after attach: unchanged, 4 threads blocked
#include <pthread.h>
#include <semaphore.h>

pthread_rwlock_t table = PTHREAD_RWLOCK_INITIALIZER;
sem_t slots;
pthread_barrier_t gate;

void *reader(void *arg) {
  pthread_rwlock_rdlock(&table);
  pthread_rwlock_unlock(&table);
  return 0;
}

void *poster(void *arg) {
  sem_wait(&slots);
  return 0;
}

void *arriver(void *arg) {
  pthread_barrier_wait(&gate);
  return 0;
}

int main(void) {
  pthread_t t1, t2, t3;
  sem_init(&slots, 0, 0);
  pthread_barrier_init(&gate, 0, 3);
  pthread_create(&t1, 0, poster, 0);
  pthread_create(&t2, 0, arriver, 0);
  pthread_rwlock_wrlock(&table);
  pthread_create(&t3, 0, reader, 0);
  pthread_join(t1, 0);
  return 0;
}
