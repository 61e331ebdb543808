// An early return leaves the mutex locked; the next thread blocks forever.
// The buyer's loop ends on that very return (-1), still holding the lock,
// and locks it again: a self-deadlock the double-lock check reports. (The
// helper returns holding the lock only with a non-zero result, but no
// caller unlocks it after such a result: the helper is still warned.)
//
// RUN: %tangle-lint %s -- > %t.txt; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt --implicit-check-not=warning:
#include <pthread.h>

static pthread_mutex_t stock_lock = PTHREAD_MUTEX_INITIALIZER;
static int stock = 10;

static int take_one(void) {
  pthread_mutex_lock(&stock_lock);
  if (stock == 0)
    // CHECK: :[[@LINE+2]]:5: warning: 'stock_lock' is still held when 'take_one' returns on this path [tangle-missing-unlock]
    // CHECK-NEXT: :[[@LINE-3]]:3: note: 'stock_lock' was locked here
    return -1;
  stock--;
  pthread_mutex_unlock(&stock_lock);
  return 0;
}

static void *buyer(void *arg) {
  while (take_one() == 0)
    ;
  // CHECK: :[[@LINE+1]]:3: warning: 'stock_lock' is locked again while this thread already holds it; a non-recursive lock deadlocks here [tangle-double-lock]
  pthread_mutex_lock(&stock_lock);
  // CHECK-NEXT: missing_unlock.c:{{[0-9]+}}:3: note: 'stock_lock' was first locked here
  return NULL;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, buyer, NULL);
  pthread_create(&b, NULL, buyer, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  return 0;
}
