// Record mode takes and gives up a normal or adaptive mutex itself, with
// glibc's own protocol (runtime/record_mutex.h, inlineTryLock and
// inlineUnlock), and leaves every other case to glibc's functions, which
// meet it on the same mutexes: a contended lock that sleeps in glibc, a
// timed lock, a condition wait's release and re-acquisition, a trylock that
// fails. What glibc and a debugger read from the mutex must be as glibc
// would leave it: the holder's kernel thread id in `__owner` while held, 0
// after, no user left (`pthread_mutex_destroy` succeeds), and every waiter
// woken (a lost wake-up would hang the run: the watchdog would report a
// stall). Four threads on one default and one adaptive mutex, with turns on
// a condition; the program checks the fields and the counter itself and
// exits 1 on a mismatch. An error-checking mutex (glibc's functions only)
// rejects an unlock by a thread that does not hold it, as natively. Every
// lock and unlock of the trace names its line in this file: the paths the
// interceptors jump to (a contended lock, an unlock that wakes a waiter)
// take the call site from their own frame.
//
// RUN: %clang -g -O2 -fno-omit-frame-pointer -pthread %s -o %t.bin
// RUN: %t.bin
// RUN: %tangle run --no-predict -- %t.bin > %t.txt 2>&1
// RUN: FileCheck %s --input-file %t.txt
// (-O0 for the sites: at -O2 the two unlocks of `adaptive` are merged into
// one call, whose line is 0 in the debug information.)
// RUN: %clang -g -O0 -fno-omit-frame-pointer -pthread %s -o %t.O0
// RUN: %tangle run --no-predict --trace %t.trace -- %t.O0 > %t.traced.txt 2>&1
// RUN: %tangle trace-dump %t.trace > %t.dump
// RUN: FileCheck %s --check-prefix=SITES --input-file %t.dump
// RUN: awk '/ (lock|unlock) / && !/glibc_mutex_protocol[.]c:[0-9]/' %t.dump > %t.elsewhere
// RUN: test ! -s %t.elsewhere
//
// SITES: lock {{.*}}glibc_mutex_protocol.c:[[#]]
// SITES: unlock {{.*}}glibc_mutex_protocol.c:[[#]]
//
// CHECK: tangle: no hang in this run: the program exited with status 0 (
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

enum { Threads = 4, Rounds = 20000 };

pthread_mutex_t plain = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t adaptive = PTHREAD_ADAPTIVE_MUTEX_INITIALIZER_NP;
pthread_mutex_t checked = PTHREAD_ERRORCHECK_MUTEX_INITIALIZER_NP;
pthread_cond_t turn = PTHREAD_COND_INITIALIZER;
long counter, adaptiveCounter;
int next; // whose turn on the condition

static void fail(const char *what) {
  fprintf(stderr, "glibc_mutex_protocol: %s\n", what);
  exit(1);
}

static void held(pthread_mutex_t *m) {
  if (m->__data.__owner != gettid())
    fail("owner is not the holder's thread id");
}

static void *work(void *arg) {
  int self = (int)(long)arg;
  for (int i = 0; i < Rounds; ++i) {
    pthread_mutex_lock(&plain);
    held(&plain);
    ++counter;
    pthread_mutex_unlock(&plain);

    if (pthread_mutex_trylock(&adaptive) == 0) {
      held(&adaptive);
      ++adaptiveCounter;
      pthread_mutex_unlock(&adaptive);
    } else {
      pthread_mutex_lock(&adaptive);
      held(&adaptive);
      ++adaptiveCounter;
      pthread_mutex_unlock(&adaptive);
    }

    if (i % 1000 == 0) {
      struct timespec at;
      clock_gettime(CLOCK_REALTIME, &at);
      at.tv_sec += 30;
      if (pthread_mutex_timedlock(&plain, &at) != 0)
        fail("timed lock");
      held(&plain);
      while (next != self)
        pthread_cond_wait(&turn, &plain);
      held(&plain); // re-taken by glibc inside the wait
      next = (self + 1) % Threads;
      pthread_cond_broadcast(&turn);
      pthread_mutex_unlock(&plain);
    }
  }
  return 0;
}

int main(void) {
  pthread_t threads[Threads];
  for (long i = 0; i < Threads; ++i)
    pthread_create(&threads[i], 0, work, (void *)i);
  for (int i = 0; i < Threads; ++i)
    pthread_join(threads[i], 0);
  if (counter != (long)Threads * Rounds ||
      adaptiveCounter != (long)Threads * Rounds)
    fail("a counter is off: an acquisition was not exclusive");
  if (plain.__data.__owner != 0 || plain.__data.__nusers != 0 ||
      adaptive.__data.__owner != 0 || adaptive.__data.__nusers != 0)
    fail("owner or users left behind after the last unlock");
  pthread_mutex_lock(&checked);
  held(&checked);
  pthread_mutex_unlock(&checked);
  if (pthread_mutex_unlock(&checked) != EPERM)
    fail("an error-checking mutex accepted an unlock by no holder");
  if (pthread_mutex_destroy(&plain) != 0 ||
      pthread_mutex_destroy(&adaptive) != 0)
    fail("destroy: the mutex still counts a user");
  return 0;
}
