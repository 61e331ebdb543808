// A producer/consumer ring in the classic style: two counting semaphores
// in a global struct count the empty and the filled slots. The producer
// fills a slot and then posts `filled`; the consumer waits on `filled` and
// then reads the slot: sem_post and sem_wait order the two, as a flag
// would. Passing `&ring.filled` to a semaphore call does not read the
// rest of `ring`. Clean. Twin: sem_handoff_race.c.
//
// RUN: %tangle-lint %s -- > %t.txt; test $? -eq 0
// RUN: test ! -s %t.txt
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
    ring.slot[i % SLOTS] = i;
    sem_post(&ring.filled);
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
