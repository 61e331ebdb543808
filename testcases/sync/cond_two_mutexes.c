// One condition used with two mutexes: the consumer waits on `ready` under
// `m_queue`, the logger under `m_log`. POSIX leaves this undefined (glibc
// may wake the wrong waiter or corrupt the condition). Twin:
// cond_one_mutex.c. (The logger also waits without a predicate, so it can
// miss the broadcast: a deadlock.stall in other interleavings.)
//
// RUN: %tangle check %s --format json --no-lint > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"lock.cond-two-mutexes"
#include <pthread.h>

pthread_mutex_t m_queue = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t m_log = PTHREAD_MUTEX_INITIALIZER;
pthread_cond_t ready = PTHREAD_COND_INITIALIZER;
int items;

void *consumer(void *arg) {
  pthread_mutex_lock(&m_queue);
  while (items == 0)
    pthread_cond_wait(&ready, &m_queue);
  items--;
  pthread_mutex_unlock(&m_queue);
  return NULL;
}

void *logger(void *arg) {
  pthread_mutex_lock(&m_log);
  pthread_cond_wait(&ready, &m_log); // the bug: a second mutex for `ready`
  pthread_mutex_unlock(&m_log);
  return NULL;
}

int main(void) {
  pthread_t c, l;
  pthread_create(&c, NULL, consumer, NULL);
  pthread_create(&l, NULL, logger, NULL);
  pthread_mutex_lock(&m_queue);
  items = 2;
  pthread_cond_broadcast(&ready);
  pthread_mutex_unlock(&m_queue);
  pthread_join(c, NULL);
  pthread_join(l, NULL);
  return 0;
}
