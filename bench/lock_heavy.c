// bench/record_overhead.sh: 4 threads x 100,000 lock/unlock pairs of one
// shared mutex, and a counter it protects (the program checks the total).
// A first argument sets the pairs per thread (the script's longer row), a
// second the threads (1 to 4: the script's row without contention).
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

enum { MaxThreads = 4 };
int Threads = MaxThreads;
long Pairs = 100000;
pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
long counter;

void *work(void *arg) {
  for (int i = 0; i < Pairs; ++i) {
    pthread_mutex_lock(&lock);
    ++counter;
    pthread_mutex_unlock(&lock);
  }
  return 0;
}

int main(int argc, char **argv) {
  pthread_t threads[MaxThreads];
  if (argc > 1)
    Pairs = atol(argv[1]);
  if (argc > 2)
    Threads = atoi(argv[2]);
  if (Threads < 1 || Threads > MaxThreads) {
    fprintf(stderr, "threads: 1 to %d\n", MaxThreads);
    return 2;
  }
  for (int i = 0; i < Threads; ++i)
    pthread_create(&threads[i], 0, work, 0);
  for (int i = 0; i < Threads; ++i)
    pthread_join(threads[i], 0);
  if (counter != (long)Threads * Pairs) {
    fprintf(stderr, "counter %ld\n", counter);
    return 1;
  }
  return 0;
}
