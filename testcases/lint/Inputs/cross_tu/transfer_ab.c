// Takes lock_a, then lock_b. Expected diagnostics are read by FileCheck from
// this file (prefix ABBA).
#include "accounts.h"

pthread_mutex_t lock_a = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t lock_b = PTHREAD_MUTEX_INITIALIZER;
long balance_a = 100, balance_b = 100;

void *transfer_ab(void *arg) {
  // ABBA: transfer_ab.c:[[@LINE+3]]:3: warning: lock-order inversion: thread 'transfer_ab' locks 'lock_b' while holding 'lock_a', and thread 'transfer_ba' locks them in the opposite order; the two can deadlock [tangle-lock-order-inversion]
  // ABBA-NEXT: transfer_ab.c:[[@LINE+1]]:3: note: 'lock_a' is locked here first, in thread 'transfer_ab'
  pthread_mutex_lock(&lock_a);
  pthread_mutex_lock(&lock_b);
  balance_a -= 10;
  balance_b += 10;
  pthread_mutex_unlock(&lock_b);
  pthread_mutex_unlock(&lock_a);
  return arg;
}
