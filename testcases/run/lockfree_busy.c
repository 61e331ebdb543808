// tangle run: a subscriber polls a lock-free queue's tail while the
// publisher pushes to it with compare-and-swap, as in
// sysprog21/concurrent-programs' broadcast. Neither makes a recorded
// operation (record mode records no atomics), so nothing moves for
// --hang-after seconds, and the watchdog took the polling subscriber for a
// thread looping forever "while no other thread made progress" -- but the
// publisher ran too, and fed it. Two threads running is no hang at once (20
// times --hang-after, livelock_two_spinners.c; here 20 s): the run
// ends normally. -DSTUCK: the publisher stops short and exits, the
// subscriber polls alone, for good: program.hang at its loop.
//
// RUN: %tangle run %s --hang-after 1 > %t.txt 2>&1
// RUN: FileCheck %s --input-file %t.txt --implicit-check-not=program.hang
// CHECK: tangle: no hang in this run: the program exited with status 0
// RUN: %tangle run %s --hang-after 0.2 -- -DSTUCK > %t.stuck.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --check-prefix=STUCK --input-file %t.stuck.txt
// STUCK: lockfree_busy.c:[[#@LINE+23]]:{{[0-9]+}}: error: a thread ran for 0.20 s without any recorded operation while no other thread made progress: it may loop forever [program.hang]
#include <pthread.h>
#include <stdatomic.h>

#define MESSAGES 20000000L

static atomic_long tail;

static void *publisher(void *arg) {
#ifdef STUCK
  long last = MESSAGES / 2;
#else
  long last = MESSAGES;
#endif
  for (long i = 0; i < last; i++) {
    long seen = atomic_load(&tail);
    while (!atomic_compare_exchange_weak(&tail, &seen, seen + 1)) {
    }
  }
  return arg;
}

static void *subscriber(void *arg) {
  while (atomic_load(&tail) != MESSAGES) {
  }
  return arg;
}

int main(void) {
  pthread_t p, s;
  pthread_create(&s, NULL, subscriber, NULL);
  pthread_create(&p, NULL, publisher, NULL);
  pthread_join(p, NULL);
  pthread_join(s, NULL);
  return 0;
}
