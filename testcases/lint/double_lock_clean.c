// Clean twin of double_lock.c: the helper expects the caller to hold the
// lock, and a recursive std-style relock is not used.
//
// RUN: %tangle-lint %s -- > %t.txt; test $? -eq 0
// RUN: test ! -s %t.txt
#include <pthread.h>

static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;
static int lines;

// Called with log_lock held.
static void log_line_locked(void) { lines++; }

static void *worker(void *arg) {
  pthread_mutex_lock(&log_lock);
  log_line_locked();
  pthread_mutex_unlock(&log_lock);
  if (pthread_mutex_trylock(&log_lock) == 0) {
    lines++;
    pthread_mutex_unlock(&log_lock);
  }
  return NULL;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  pthread_join(t, NULL);
  return 0;
}
