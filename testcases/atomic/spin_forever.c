// message_passing.c gone wrong: main spins on the flag while holding the
// mutex the producer needs before it can set the flag. The producer blocks,
// and main reads the same value again and again with nobody left who could
// change it: deadlock.stall, naming the spin, at once rather than after a
// time limit. Fix: message_passing.c.
//
// RUN: %tangle check %s --no-lint > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt
// RUN: FileCheck %s --check-prefix=ERR --input-file %t.txt
// CHECK: note: main thread spins here on ready
// CHECK: the same step {{[0-9]+}} more times
// CHECK: main thread          spins: atomic load   ready
// CHECK: thread 1 (producer)  blocked: lock        m
// CHECK: note: fix: A spin loop waits for another thread to change the variable
#include <pthread.h>
#include <stdatomic.h>

atomic_int ready;
pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;

void *producer(void *arg) {
  pthread_mutex_lock(&m); // main holds it
  atomic_store(&ready, 1);
  pthread_mutex_unlock(&m);
  return NULL;
}

int main(void) {
  pthread_t t;
  pthread_mutex_lock(&m);
  pthread_create(&t, NULL, producer, NULL);
  // ERR: spin_forever.c:[[@LINE+1]]:{{[0-9]+}}: error: deadlock: every live thread is blocked: main thread spins on ready in main at line [[@LINE+1]]; it reads the same value again and again, and no other thread can run to change it and thread 1 waits to lock m [deadlock.stall]
  while (!atomic_load(&ready))
    ; // spins for good: the producer waits for m
  pthread_mutex_unlock(&m);
  pthread_join(t, NULL);
  return 0;
}
