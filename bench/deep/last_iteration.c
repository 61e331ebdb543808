// Deep bug: an assertion that fails only if the worker is preempted inside
// the last of its N iterations. The worker adds 1 to `total` N times under a
// lock; on the last round it also records the value, and does so as a read
// under the lock and a write under the lock again, with the lock released in
// between. The auditor's one locked increment is lost only when it falls in
// that window. No data race: every access holds the lock.
// Build with -DN=10, -DN=100 or -DN=1000 (default 100).
#include <assert.h>
#include <pthread.h>
#include <stdio.h>

#ifndef N
#define N 100
#endif

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static long total, recorded;

static void *worker(void *arg) {
  for (int i = 0; i < N; i++) {
    pthread_mutex_lock(&lock);
    if (i < N - 1) {
      total++;
      pthread_mutex_unlock(&lock);
      continue;
    }
    long seen = total; // the last round: read...
    pthread_mutex_unlock(&lock);
    recorded = seen; // (only this thread touches recorded)
    pthread_mutex_lock(&lock);
    total = seen + 1; // ...and write back what was read: the window
    pthread_mutex_unlock(&lock);
  }
  return arg;
}

static void *auditor(void *arg) {
  pthread_mutex_lock(&lock);
  total++;
  pthread_mutex_unlock(&lock);
  return arg;
}

int main(void) {
  pthread_t w, a;
  pthread_create(&w, NULL, worker, NULL);
  pthread_create(&a, NULL, auditor, NULL);
  pthread_join(w, NULL);
  pthread_join(a, NULL);
  printf("%ld (recorded %ld)\n", total, recorded);
  assert(total == N + 1);
  return 0;
}
