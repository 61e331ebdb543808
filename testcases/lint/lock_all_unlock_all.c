// A lock taken in one loop and released in another: the checker thread
// takes every account's lock in index order (no deadlock: one order for
// everyone), sums the balances and releases them all; main holds each
// worker's start lock from the loop that starts it until a second loop
// lets them all go (mutex/perf-test of sysprog21/concurrent-programs).
// `accounts[i]` names another lock in each turn: lint must not report the
// second turn's lock as a double lock, nor the release loop as releasing
// free locks. With -DVARIABLE_COUNT the checker's loops run `in_use`
// times, a number lint does not know (not even whether it is 0): still
// nothing to report.
//
// With -DWRONG_ARRAY the checker's release loop was copied from main and
// unlocks `start[i]` instead of `accounts[i]`: it unlocks locks it never
// took, and ends holding the accounts. Lint reports the unlocks, and that
// the thread ends holding accounts: the loop between constants runs at
// least once, so at least one is held; which ones it does not say. With
// both -D, the locking loop may run no turn: only the unlocks are reported.
// With -DTWICE the locking loop locks each account twice in the same turn
// (`i` unchanged in between): a double lock, reported.
//
// RUN: %tangle-lint %s -- > %t.txt; test $? -eq 0
// RUN: test ! -s %t.txt
// RUN: %tangle-lint %s -- -DVARIABLE_COUNT > %t.var.txt; test $? -eq 0
// RUN: test ! -s %t.var.txt
// RUN: %tangle-lint %s -- -DWRONG_ARRAY > %t.wrong.txt; test $? -eq 1
// RUN: FileCheck %s --check-prefixes=WRONG,WRONGCONST --input-file %t.wrong.txt --implicit-check-not=warning:
// RUN: %tangle-lint %s -- -DWRONG_ARRAY -DVARIABLE_COUNT > %t.wrongvar.txt; test $? -eq 1
// RUN: FileCheck %s --check-prefix=WRONG --input-file %t.wrongvar.txt --implicit-check-not=warning:
// RUN: %tangle-lint %s -- -DTWICE > %t.twice.txt; test $? -eq 1
// RUN: FileCheck %s --check-prefix=TWICE --input-file %t.twice.txt --implicit-check-not=warning:
#include <pthread.h>

#define ACCOUNTS 4
#define WORKERS 2

static pthread_mutex_t accounts[ACCOUNTS];
static pthread_mutex_t start[WORKERS];
static int balance[ACCOUNTS];
static int total;

#ifdef VARIABLE_COUNT
static int in_use = ACCOUNTS;
#define COUNT in_use
#else
#define COUNT ACCOUNTS
#endif

static void *audit(void *arg) {
  int sum = 0;
  for (int i = 0; i < COUNT; i++) {
    pthread_mutex_lock(&accounts[i]);
#ifdef TWICE
    // TWICE: :[[@LINE+1]]:5: warning: 'accounts[i]' is locked again while this thread already holds it; a non-recursive lock deadlocks here [tangle-double-lock]
    pthread_mutex_lock(&accounts[i]);
#endif
  }
  for (int i = 0; i < COUNT; i++)
    sum += balance[i];
#ifdef WRONG_ARRAY
  for (int i = 0; i < WORKERS; i++)
    // WRONG: :[[@LINE+1]]:5: warning: 'start[i]' is unlocked but not held here [tangle-unlock-not-held]
    pthread_mutex_unlock(&start[i]);
#else
  for (int i = 0; i < COUNT; i++)
    pthread_mutex_unlock(&accounts[i]);
#endif
  // WRONGCONST: :[[@LINE+2]]:3: warning: one of the locks 'accounts[?]' is still held when 'audit' returns and its thread ends [tangle-missing-unlock]
  // WRONGCONST-NEXT: :[[@LINE-17]]:5: note: one of them was locked here
  return (void *)(long)sum;
}

static void *worker(void *arg) {
  long id = (long)arg;
  pthread_mutex_lock(&start[id]);
  pthread_mutex_unlock(&start[id]);
  pthread_mutex_lock(&accounts[id]);
  balance[id] += 10;
  pthread_mutex_unlock(&accounts[id]);
  return NULL;
}

int main(void) {
  pthread_t w[WORKERS], a;
  for (int i = 0; i < ACCOUNTS; i++)
    pthread_mutex_init(&accounts[i], NULL);
  for (long i = 0; i < WORKERS; i++) {
    pthread_mutex_init(&start[i], NULL);
    pthread_mutex_lock(&start[i]);
    pthread_create(&w[i], NULL, worker, (void *)i);
  }
  pthread_create(&a, NULL, audit, NULL);
  for (int i = 0; i < WORKERS; i++)
    pthread_mutex_unlock(&start[i]);
  for (int i = 0; i < WORKERS; i++)
    pthread_join(w[i], NULL);
  pthread_join(a, NULL);
  return 0;
}
