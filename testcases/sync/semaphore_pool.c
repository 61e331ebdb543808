// A semaphore limits a pool of 3 workers to 2 at a time: clean.
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
#include <assert.h>
#include <pthread.h>
#include <semaphore.h>

sem_t slots;
pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
int busy;

void *worker(void *arg) {
  sem_wait(&slots);
  pthread_mutex_lock(&m);
  busy++;
  assert(busy <= 2);
  pthread_mutex_unlock(&m);
  pthread_mutex_lock(&m);
  busy--;
  pthread_mutex_unlock(&m);
  sem_post(&slots);
  return NULL;
}

int main(void) {
  pthread_t t[3];
  sem_init(&slots, 0, 2);
  for (int i = 0; i < 3; i++)
    pthread_create(&t[i], NULL, worker, NULL);
  for (int i = 0; i < 3; i++)
    pthread_join(t[i], NULL);
  sem_destroy(&slots);
  return 0;
}
