// Clean twin of transfer_params.c: two threads call transfer() with the
// accounts in the same order; two more move money between two other
// accounts in opposite orders, but only under a gate lock.
//
// RUN: %tangle-lint %s -- > %t.txt; test $? -eq 0
// RUN: test ! -s %t.txt
#include <pthread.h>

struct account {
  pthread_mutex_t lock;
  long balance;
};

static struct account a = {PTHREAD_MUTEX_INITIALIZER, 100};
static struct account b = {PTHREAD_MUTEX_INITIALIZER, 100};
static struct account c = {PTHREAD_MUTEX_INITIALIZER, 100};
static struct account d = {PTHREAD_MUTEX_INITIALIZER, 100};
static pthread_mutex_t gate = PTHREAD_MUTEX_INITIALIZER;

static void transfer(struct account *from, struct account *to, long amount) {
  pthread_mutex_lock(&from->lock);
  pthread_mutex_lock(&to->lock);
  from->balance -= amount;
  to->balance += amount;
  pthread_mutex_unlock(&to->lock);
  pthread_mutex_unlock(&from->lock);
}

static void gated_transfer(struct account *from, struct account *to) {
  pthread_mutex_lock(&gate);
  transfer(from, to, 1);
  pthread_mutex_unlock(&gate);
}

static void *pay_b(void *arg) {
  transfer(&a, &b, 10);
  gated_transfer(&c, &d);
  return NULL;
}

static void *pay_b_too(void *arg) {
  transfer(&a, &b, 20);
  return NULL;
}

static void *refund(void *arg) {
  gated_transfer(&d, &c);
  return NULL;
}

int main(void) {
  pthread_t t1, t2, t3;
  pthread_create(&t1, NULL, pay_b, NULL);
  pthread_create(&t2, NULL, pay_b_too, NULL);
  pthread_create(&t3, NULL, refund, NULL);
  pthread_join(t1, NULL);
  pthread_join(t2, NULL);
  pthread_join(t3, NULL);
  return 0;
}
