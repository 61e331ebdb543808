// Buggy twin of producer_consumer_sentinel.c: the producer never sends the
// sentinel, so the consumer waits on not_empty for an item that never comes.
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"deadlock.stall"
// RUN: %tangle check %s > %t.txt; test $? -eq 1
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// TEXT: waits on condition not_empty in get at line {{[0-9]+}}; nobody is left to signal it
#include <pthread.h>

#define N 2
int buf[N], count, in, out;
pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
pthread_cond_t not_full = PTHREAD_COND_INITIALIZER;
pthread_cond_t not_empty = PTHREAD_COND_INITIALIZER;

void put(int v) {
  pthread_mutex_lock(&m);
  while (count == N)
    pthread_cond_wait(&not_full, &m);
  buf[in] = v;
  in = (in + 1) % N;
  count++;
  pthread_cond_signal(&not_empty);
  pthread_mutex_unlock(&m);
}

int get(void) {
  pthread_mutex_lock(&m);
  while (count == 0)
    pthread_cond_wait(&not_empty, &m);
  int v = buf[out];
  out = (out + 1) % N;
  count--;
  pthread_cond_signal(&not_full);
  pthread_mutex_unlock(&m);
  return v;
}

void *producer(void *arg) {
  for (int i = 1; i <= 3; i++)
    put(i);
  return NULL; // forgot put(-1)
}

void *consumer(void *arg) {
  while (get() != -1)
    ;
  return NULL;
}

int main(void) {
  pthread_t p, c;
  pthread_create(&p, NULL, producer, NULL);
  pthread_create(&c, NULL, consumer, NULL);
  pthread_join(p, NULL);
  pthread_join(c, NULL);
  return 0;
}
