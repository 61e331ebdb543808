// A condition wait guarded by `if`: a spurious wake-up, or another consumer
// taking the item first, lets the thread continue with the queue empty.
//
// RUN: %tangle-lint %s -- > %t.txt; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt --implicit-check-not=warning:
#include <pthread.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t nonempty = PTHREAD_COND_INITIALIZER;
static int items;

static void *consumer(void *arg) {
  pthread_mutex_lock(&m);
  if (items == 0)
    // CHECK: :[[@LINE+1]]:5: warning: condition wait outside a loop: a spurious or stolen wake-up returns with the condition still false; wait in 'while (!condition)' [tangle-cond-wait-no-loop]
    pthread_cond_wait(&nonempty, &m);
  items--;
  pthread_mutex_unlock(&m);
  return NULL;
}

static void *producer(void *arg) {
  pthread_mutex_lock(&m);
  items++;
  pthread_cond_signal(&nonempty);
  pthread_mutex_unlock(&m);
  return NULL;
}

int main(void) {
  pthread_t c, p;
  pthread_create(&c, NULL, consumer, NULL);
  pthread_create(&p, NULL, producer, NULL);
  pthread_join(c, NULL);
  pthread_join(p, NULL);
  return 0;
}
