// The twin of spawn_helper.c: the helper that starts the worker also joins
// it before returning, so main's write after the call runs alone, and the
// write in the helper before the start is ordered by it: clean.
//
// RUN: %tangle-lint %s -- > %t.txt; test $? -eq 0
// RUN: test ! -s %t.txt
#include <pthread.h>

static int keepalive;

static void *worker(void *arg) {
  (void)arg;
  for (long spins = 0; keepalive && spins < 1000000; spins++) {
  }
  return NULL;
}

static void thread_init(pthread_t *t) {
  keepalive = 1; // before the start: ordered
  pthread_create(t, NULL, worker, NULL);
  pthread_join(*t, NULL);
}

int main(void) {
  pthread_t workers[4];
  for (int i = 0; i < 4; i++)
    thread_init(&workers[i]);
  keepalive = 0; // after the joins: ordered
  return 0;
}
