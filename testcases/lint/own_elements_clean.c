// Clean twin of own_elements.c: every thread writes its own elements, named
// by the id its argument points to, directly, through a helper, and in a
// slice computed from the id; main reads the array after the joins.
//
// RUN: %tangle-lint %s -- > %t.txt; test $? -eq 0
// RUN: test ! -s %t.txt
#include <pthread.h>

#define N 4
#define CHUNK 8

static double partial[N];
static int squares[N * CHUNK];
static struct {
  long hits;
} stats[N];

static void record(int slot, double value) { partial[slot] = value; }

static void *work(void *arg) {
  int id = *(int *)arg;
  int begin = id * CHUNK;
  for (int i = begin; i < begin + CHUNK; i++)
    squares[i] = i * i;
  stats[id].hits++;
  record(id, id * 0.5);
  return NULL;
}

int main(void) {
  pthread_t t[N];
  int ids[N];
  for (int i = 0; i < N; i++) {
    ids[i] = i;
    pthread_create(&t[i], NULL, work, &ids[i]);
  }
  for (int i = 0; i < N; i++)
    pthread_join(t[i], NULL);
  double sum = 0;
  for (int i = 0; i < N; i++)
    sum += partial[i] + stats[i].hits + squares[i];
  return sum > 0 ? 0 : 1;
}
