// Twin of checked_lock.c: the lock calls are still checked, but two paths
// where the lock *was* taken return without unlocking: the queue-full
// return after a successful lock, and a test the wrong way round (`== 0`
// returns on success). Both are reported; the failed-lock return is not.
// The wrong-way test also runs `queued--` and the unlock on the path where
// the lock failed: a race on `queued`, and an unlock of a lock not held.
//
// RUN: %tangle-lint %s -- > %t.txt; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt --implicit-check-not=warning:
#include <pthread.h>

static pthread_mutex_t queue_lock = PTHREAD_MUTEX_INITIALIZER;
static int queued;

static int add_task(void) {
  if (pthread_mutex_lock(&queue_lock) != 0)
    return -1;
  if (queued == 8)
    // CHECK: :[[@LINE+2]]:5: warning: 'queue_lock' is still held when 'add_task' returns on this path [tangle-missing-unlock]
    // CHECK-NEXT: :[[@LINE-4]]:7: note: 'queue_lock' was locked here
    return -2;
  // CHECK: :[[@LINE+1]]:3: warning: 'queued' is written in thread 'worker' #1 and written in thread 'worker' #2 with no lock held by both: a data race [tangle-shared-global-unlocked]
  queued++;
  pthread_mutex_unlock(&queue_lock);
  return 0;
}

static int drop_task(void) {
  if (pthread_mutex_lock(&queue_lock) == 0)
    // CHECK: :[[@LINE+2]]:5: warning: 'queue_lock' is still held when 'drop_task' returns on this path [tangle-missing-unlock]
    // CHECK-NEXT: :[[@LINE-2]]:7: note: 'queue_lock' was locked here
    return -1;
  queued--;
  pthread_mutex_unlock(&queue_lock);
  return 0;
}

static void *worker(void *arg) {
  add_task();
  // CHECK: :[[@LINE+1]]:3: warning: this call unlocks 'queue_lock', which is not held here [tangle-unlock-not-held]
  drop_task();
  return NULL;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, worker, NULL);
  pthread_create(&b, NULL, worker, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  return 0;
}
