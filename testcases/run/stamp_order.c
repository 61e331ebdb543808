// The stamps of a recorded run order every mutex's acquisitions and
// releases as they happened (docs/trace-format.md, "What the timestamps
// mean"): the runtime stamps a mutex's events from each thread's own clock
// and a word of the mutex (runtime/record.cpp), tangle makes them unique
// when it reads the run. Four threads contend for one mutex (lock, trylock
// and timedlock), take a recursive one twice, and two of them hand a turn
// back and forth through a condition. Inputs/record_order.py checks the
// written trace: unique stamps, each thread's increasing, and each mutex
// held by one thread at a time in stamp order. Its twin: the same trace
// with one hand-over's two stamps exchanged is refused.
//
// RUN: %clang -g -O2 -fno-omit-frame-pointer -pthread %s -o %t.bin
// RUN: %tangle run --no-predict --trace %t.trace -- %t.bin > %t.txt 2>&1
// RUN: FileCheck %s --check-prefix=NOHANG --input-file %t.txt
// RUN: %python %S/../Inputs/record_order.py %t.trace > %t.order
// RUN: FileCheck %s --input-file %t.order
// RUN: %python %S/../Inputs/record_order.py --break %t.trace > %t.broken; test $? -eq 1
// RUN: FileCheck %s --check-prefix=BROKEN --input-file %t.broken
//
// NOHANG: tangle: no hang in this run: the program exited with status 0
// CHECK: in order: {{[0-9]+}} events of 5 threads, {{[0-9]+}} mutex acquisitions and releases on 3 mutexes
// BROKEN: {{out of order|is not after the one before it}}
#include <pthread.h>
#include <stdio.h>
#include <time.h>

enum { Threads = 4, Rounds = 20000, Turns = 200 };
pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t nested;
pthread_mutex_t turnLock = PTHREAD_MUTEX_INITIALIZER;
pthread_cond_t turnChanged = PTHREAD_COND_INITIALIZER;
long counter, nestedCounter; // each under its own mutex
int turn;

void *work(void *arg) {
  long id = (long)arg;
  for (int i = 0; i < Rounds; ++i) {
    if (i % 3 == 0) {
      while (pthread_mutex_trylock(&lock) != 0) {
      }
    } else if (i % 3 == 1) {
      struct timespec until;
      clock_gettime(CLOCK_REALTIME, &until);
      until.tv_sec += 10;
      pthread_mutex_timedlock(&lock, &until);
    } else {
      pthread_mutex_lock(&lock);
    }
    ++counter;
    pthread_mutex_unlock(&lock);
    if (i % 100 == 0) {
      pthread_mutex_lock(&nested);
      pthread_mutex_lock(&nested);
      ++nestedCounter;
      pthread_mutex_unlock(&nested);
      pthread_mutex_unlock(&nested);
    }
  }
  if (id < 2) // threads 0 and 1 take turns
    for (int i = 0; i < Turns; ++i) {
      pthread_mutex_lock(&turnLock);
      while (turn != id)
        pthread_cond_wait(&turnChanged, &turnLock);
      turn = 1 - (int)id;
      pthread_cond_broadcast(&turnChanged);
      pthread_mutex_unlock(&turnLock);
    }
  return 0;
}

int main(void) {
  pthread_mutexattr_t attr;
  pthread_mutexattr_init(&attr);
  pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
  pthread_mutex_init(&nested, &attr);
  pthread_t threads[Threads];
  for (long i = 0; i < Threads; ++i)
    pthread_create(&threads[i], 0, work, (void *)i);
  for (int i = 0; i < Threads; ++i)
    pthread_join(threads[i], 0);
  if (counter != (long)Threads * Rounds ||
      nestedCounter != (long)Threads * (Rounds / 100)) {
    fprintf(stderr, "counters %ld and %ld\n", counter, nestedCounter);
    return 1;
  }
  return 0;
}
