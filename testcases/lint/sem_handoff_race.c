// Twin of sem_handoff.c: the producer posts `filled` before it writes the
// slot, so the consumer may read the slot while it is being written.
//
// RUN: %tangle-lint %s -- > %t.txt; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt --implicit-check-not=warning:
#include <pthread.h>
#include <semaphore.h>

#define SLOTS 4

static struct {
  int slot[SLOTS];
  sem_t empty, filled;
} ring;

static void *produce(void *arg) {
  for (int i = 0; i < 100; i++) {
    sem_wait(&ring.empty);
    sem_post(&ring.filled);
    // CHECK: :[[@LINE+1]]:5: warning: 'ring' is written in thread 'produce' and read in thread 'consume' with no lock held by both: a data race [tangle-shared-global-unlocked]
    ring.slot[i % SLOTS] = i;
  }
  return NULL;
}

static void *consume(void *arg) {
  long sum = 0;
  for (int i = 0; i < 100; i++) {
    sem_wait(&ring.filled);
    sum += ring.slot[i % SLOTS];
    sem_post(&ring.empty);
  }
  return (void *)sum;
}

int main(void) {
  pthread_t p, c;
  sem_init(&ring.empty, 0, SLOTS);
  sem_init(&ring.filled, 0, 0);
  pthread_create(&p, NULL, produce, NULL);
  pthread_create(&c, NULL, consume, NULL);
  pthread_join(p, NULL);
  pthread_join(c, NULL);
  return 0;
}
