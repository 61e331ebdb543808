// bench/predict.sh: four tellers, TRANSFERS transfers each between
// neighbouring accounts under per-account mutexes, the lower-numbered
// account first, except the last transfer of teller 3 (the wrong order: a
// four-thread cycle). 4 x 62,500 transfers x 4 lock operations = 10^6
// recorded events.
#include <pthread.h>

#ifndef TRANSFERS
#define TRANSFERS 62500
#endif

enum { Tellers = 4 };
pthread_mutex_t lock[Tellers] = {
    PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER,
    PTHREAD_MUTEX_INITIALIZER, PTHREAD_MUTEX_INITIALIZER};
long balance[Tellers];

static void transfer(int from, int to) {
  pthread_mutex_lock(&lock[from]);
  pthread_mutex_lock(&lock[to]);
  balance[from] -= 1;
  balance[to] += 1;
  pthread_mutex_unlock(&lock[to]);
  pthread_mutex_unlock(&lock[from]);
}

static void *teller(void *arg) {
  int self = (int)(long)arg, other = (self + 1) % Tellers;
  int low = self < other ? self : other, high = self < other ? other : self;
  for (int i = 0; i < TRANSFERS; ++i)
    if (self == Tellers - 1 && i == TRANSFERS - 1)
      transfer(high, low);
    else
      transfer(low, high);
  return 0;
}

int main(void) {
  pthread_t t[Tellers];
  for (long i = 0; i < Tellers; ++i)
    pthread_create(&t[i], 0, teller, (void *)i);
  for (int i = 0; i < Tellers; ++i)
    pthread_join(t[i], 0);
  return 0;
}
