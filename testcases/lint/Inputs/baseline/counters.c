// The program the baseline test lints, copies and edits (baseline.c).
#include <pthread.h>

static long hits;   // updated without a lock: the known warning
static long misses; // updated under the lock
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;

static void *work(void *arg) {
  (void)arg;
  hits++;
  pthread_mutex_lock(&m);
  misses++;
  pthread_mutex_unlock(&m);
  return 0; // end of work
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, 0, work, 0);
  pthread_create(&b, 0, work, 0);
  pthread_join(a, 0);
  pthread_join(b, 0);
  return 0;
}
