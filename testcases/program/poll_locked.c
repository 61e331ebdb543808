// A pool's start-up where main waits for its workers by looking at a counter
// under the lock, again and again, without a sleep: a poll. A turn of it that
// reads what the turn before read, changes nothing and lets nobody else run
// counts like a failed try, so past the retry bound the workers go first and
// the poll ends. (Before, the first execution ran main's poll to the step
// limit and the check ended incomplete, with no interleaving explored.)
//
// RUN: %tangle check %s --no-lint --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
// CHECK-DAG: "retry_bounded":{{ ?}}0
#include <pthread.h>

#define WORKERS 2

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int alive;

static void *worker(void *arg) {
  pthread_mutex_lock(&lock);
  alive++;
  pthread_mutex_unlock(&lock);
  return arg;
}

int main(void) {
  pthread_t t[WORKERS];
  for (int i = 0; i < WORKERS; ++i)
    pthread_create(&t[i], NULL, worker, NULL);
  for (;;) { // wait until every worker has started
    pthread_mutex_lock(&lock);
    int started = alive;
    pthread_mutex_unlock(&lock);
    if (started == WORKERS)
      break;
  }
  for (int i = 0; i < WORKERS; ++i)
    pthread_join(t[i], NULL);
  return 0;
}
