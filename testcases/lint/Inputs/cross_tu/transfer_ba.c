// Takes lock_b, then lock_a (transfer_ba), or the same order as
// transfer_ab.c (transfer_ab_too). Expected diagnostics: prefix ABBA.
#include "accounts.h"

void *transfer_ba(void *arg) {
  // ABBA: transfer_ba.c:[[@LINE+1]]:3: note: 'lock_b' is locked here first, in thread 'transfer_ba'
  pthread_mutex_lock(&lock_b);
  // ABBA-NEXT: transfer_ba.c:[[@LINE+1]]:3: note: then 'lock_a' here while holding 'lock_b'
  pthread_mutex_lock(&lock_a);
  balance_b -= 10;
  balance_a += 10;
  pthread_mutex_unlock(&lock_a);
  pthread_mutex_unlock(&lock_b);
  return arg;
}

void *transfer_ab_too(void *arg) {
  pthread_mutex_lock(&lock_a);
  pthread_mutex_lock(&lock_b);
  balance_b -= 10;
  balance_a += 10;
  pthread_mutex_unlock(&lock_b);
  pthread_mutex_unlock(&lock_a);
  return arg;
}
