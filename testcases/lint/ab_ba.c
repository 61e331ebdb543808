// Two threads take the same two mutexes in opposite orders: each can hold
// one and wait for the other forever.
//
// RUN: %tangle-lint %s -- > %t.txt; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt --implicit-check-not=warning:
#include <pthread.h>

static pthread_mutex_t A = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t B = PTHREAD_MUTEX_INITIALIZER;
static int shared;

static void *forward(void *arg) {
  // CHECK: :[[@LINE+3]]:3: warning: lock-order inversion: thread 'forward' locks 'B' while holding 'A', and thread 'backward' locks them in the opposite order; the two can deadlock [tangle-lock-order-inversion]
  // CHECK-NEXT: :[[@LINE+1]]:3: note: 'A' is locked here first, in thread 'forward'
  pthread_mutex_lock(&A);
  pthread_mutex_lock(&B);
  shared++;
  pthread_mutex_unlock(&B);
  pthread_mutex_unlock(&A);
  return NULL;
}

static void take_a(void) { pthread_mutex_lock(&A); }

static void *backward(void *arg) {
  // CHECK: :[[@LINE+1]]:3: note: 'B' is locked here first, in thread 'backward'
  pthread_mutex_lock(&B);
  // CHECK: :[[@LINE-5]]:28: note: then 'A' here while holding 'B'
  // CHECK: :[[@LINE+1]]:3: note: in thread 'backward', through this call
  take_a();
  shared++;
  pthread_mutex_unlock(&A);
  pthread_mutex_unlock(&B);
  return NULL;
}

int main(void) {
  pthread_t t1, t2;
  pthread_create(&t1, NULL, forward, NULL);
  pthread_create(&t2, NULL, backward, NULL);
  pthread_join(t1, NULL);
  pthread_join(t2, NULL);
  return 0;
}
