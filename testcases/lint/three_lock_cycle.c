// Three threads, three locks: A then B, B then C, C then A. No two threads
// take a pair in opposite orders, yet the three can each hold one lock and
// wait for the next. Clean twin: three_lock_chain.c.
//
// RUN: %tangle-lint %s -- > %t.txt; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt --implicit-check-not=warning:
#include <pthread.h>

static pthread_mutex_t A = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t B = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t C = PTHREAD_MUTEX_INITIALIZER;

static void *ab(void *arg) {
  pthread_mutex_lock(&A);
  // CHECK: :[[@LINE+2]]:3: warning: lock-order cycle: thread 'ab' locks 'B' while holding 'A', thread 'bc' locks 'C' while holding 'B', and thread 'ca' locks 'A' while holding 'C'; the 3 threads can deadlock, each waiting for the next [tangle-lock-order-inversion]
  // CHECK-NEXT: :[[@LINE-2]]:3: note: 'A' is locked here first, in thread 'ab'
  pthread_mutex_lock(&B);
  pthread_mutex_unlock(&B);
  pthread_mutex_unlock(&A);
  return NULL;
}

static void *bc(void *arg) {
  // CHECK: :[[@LINE+1]]:3: note: 'B' is locked here first, in thread 'bc'
  pthread_mutex_lock(&B);
  // CHECK: :[[@LINE+1]]:3: note: then 'C' here while holding 'B'
  pthread_mutex_lock(&C);
  pthread_mutex_unlock(&C);
  pthread_mutex_unlock(&B);
  return NULL;
}

static void *ca(void *arg) {
  // CHECK: :[[@LINE+1]]:3: note: 'C' is locked here first, in thread 'ca'
  pthread_mutex_lock(&C);
  // CHECK: :[[@LINE+1]]:3: note: then 'A' here while holding 'C'
  pthread_mutex_lock(&A);
  pthread_mutex_unlock(&A);
  pthread_mutex_unlock(&C);
  return NULL;
}

int main(void) {
  pthread_t t[3];
  pthread_create(&t[0], NULL, ab, NULL);
  pthread_create(&t[1], NULL, bc, NULL);
  pthread_create(&t[2], NULL, ca, NULL);
  for (int i = 0; i < 3; i++)
    pthread_join(t[i], NULL);
  return 0;
}
