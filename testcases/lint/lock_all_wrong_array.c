// Twin of lock_all_unlock_all.c: the release loop was copied from another
// function and unlocks `start[i]` instead of `accounts[i]`. The checker
// thread unlocks locks nobody took, and ends holding the accounts: every
// later transfer blocks. Lint reports the unlock of the locks it never
// took; which of the accounts are still held it cannot count (the loops
// run a number of times it does not follow), so it says nothing about
// them rather than guess.
//
// RUN: %tangle-lint %s -- > %t.txt; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt --implicit-check-not=warning:
#include <pthread.h>

#define ACCOUNTS 4

static pthread_mutex_t accounts[ACCOUNTS];
static pthread_mutex_t start[ACCOUNTS];
static int balance[ACCOUNTS];

static void *audit(void *arg) {
  int sum = 0;
  for (int i = 0; i < ACCOUNTS; i++)
    pthread_mutex_lock(&accounts[i]);
  for (int i = 0; i < ACCOUNTS; i++)
    sum += balance[i];
  for (int i = 0; i < ACCOUNTS; i++)
    // CHECK: :[[@LINE+1]]:5: warning: 'start[i]' is unlocked but not held here [tangle-unlock-not-held]
    pthread_mutex_unlock(&start[i]);
  return (void *)(long)sum;
}

static void *deposit(void *arg) {
  long id = (long)arg;
  pthread_mutex_lock(&accounts[id]);
  balance[id] += 10;
  pthread_mutex_unlock(&accounts[id]);
  return NULL;
}

int main(void) {
  pthread_t d, a;
  for (int i = 0; i < ACCOUNTS; i++) {
    pthread_mutex_init(&accounts[i], NULL);
    pthread_mutex_init(&start[i], NULL);
  }
  pthread_create(&a, NULL, audit, NULL);
  pthread_create(&d, NULL, deposit, (void *)1);
  pthread_join(a, NULL);
  pthread_join(d, NULL);
  return 0;
}
