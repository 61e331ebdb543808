// Twin of cond_two_mutexes.c: both waiters use the condition's one mutex.
//
// RUN: %tangle check %s --format json --no-lint > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
#include <pthread.h>

pthread_mutex_t m_queue = PTHREAD_MUTEX_INITIALIZER;
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

int main(void) {
  pthread_t c1, c2;
  pthread_create(&c1, NULL, consumer, NULL);
  pthread_create(&c2, NULL, consumer, NULL);
  pthread_mutex_lock(&m_queue);
  items = 2;
  pthread_cond_broadcast(&ready);
  pthread_mutex_unlock(&m_queue);
  pthread_join(c1, NULL);
  pthread_join(c2, NULL);
  return 0;
}
