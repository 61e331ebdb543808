// A pool's shut-down in the style of C-Thread-Pool's thpool_destroy: main
// tells the workers to stop, then posts "work" to wake them and looks at how
// many are still alive, round after round, without a sleep. Each round takes
// the lock twice (look; post) and writes the flag the workers wait on, the
// same value once they are awake: two turns that repeat the two before them,
// with nothing changed, are a poll, and the woken workers go first.
//
// RUN: %tangle check %s --no-lint --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
#include <pthread.h>

#define WORKERS 2

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t has_work = PTHREAD_COND_INITIALIZER;
static int work, stopping, alive = WORKERS;

static void *worker(void *arg) {
  pthread_mutex_lock(&lock);
  while (!stopping) {
    while (!work)
      pthread_cond_wait(&has_work, &lock);
    work = 0;
  }
  alive--;
  pthread_mutex_unlock(&lock);
  return arg;
}

static void post_all(void) {
  pthread_mutex_lock(&lock);
  work = 1;
  pthread_cond_broadcast(&has_work);
  pthread_mutex_unlock(&lock);
}

int main(void) {
  pthread_t t[WORKERS];
  for (int i = 0; i < WORKERS; ++i)
    pthread_create(&t[i], NULL, worker, NULL);
  pthread_mutex_lock(&lock);
  stopping = 1;
  pthread_mutex_unlock(&lock);
  for (;;) {
    pthread_mutex_lock(&lock);
    int left = alive;
    pthread_mutex_unlock(&lock);
    if (!left)
      break;
    post_all();
  }
  for (int i = 0; i < WORKERS; ++i)
    pthread_join(t[i], NULL);
  return 0;
}
