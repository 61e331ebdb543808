// Locks passed as parameters: one thread transfers from a to b, the other
// from b to a. transfer() locks its `from` then its `to` account, so the two
// threads take a.lock and b.lock in opposite orders. Clean twin:
// transfer_params_ordered.c.
//
// RUN: %tangle-lint %s -- > %t.txt; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt --implicit-check-not=warning:
#include <pthread.h>

struct account {
  pthread_mutex_t lock;
  long balance;
};

static struct account a = {PTHREAD_MUTEX_INITIALIZER, 100};
static struct account b = {PTHREAD_MUTEX_INITIALIZER, 100};

static void transfer(struct account *from, struct account *to, long amount) {
  // CHECK: :[[@LINE+4]]:3: warning: lock-order inversion: thread 'pay_b' locks 'b.lock' while holding 'a.lock', and thread 'pay_a' locks them in the opposite order; the two can deadlock [tangle-lock-order-inversion]
  // CHECK-NEXT: :[[@LINE+2]]:3: note: 'a.lock' is locked here first, in thread 'pay_b'
  // CHECK: :[[@LINE+1]]:3: note: 'b.lock' is locked here first, in thread 'pay_a'
  pthread_mutex_lock(&from->lock);
  pthread_mutex_lock(&to->lock);
  from->balance -= amount;
  to->balance += amount;
  pthread_mutex_unlock(&to->lock);
  pthread_mutex_unlock(&from->lock);
}

static void *pay_b(void *arg) {
  transfer(&a, &b, 10);
  return NULL;
}

static void *pay_a(void *arg) {
  transfer(&b, &a, 20);
  return NULL;
}

int main(void) {
  pthread_t t1, t2;
  pthread_create(&t1, NULL, pay_b, NULL);
  pthread_create(&t2, NULL, pay_a, NULL);
  pthread_join(t1, NULL);
  pthread_join(t2, NULL);
  return 0;
}
