// CS:APP's race.c: every thread is handed &i, and main's next i++ changes
// it while the thread is still reading its id through the pointer (the
// threads can all print the same id, or N). The twins give each thread a
// value of its own, or wait for the thread before the next write: no
// warning; so does a spin on a counter the thread bumps after its read
// (atomic, or volatile: a race of its own, which
// tangle-shared-global-unlocked reports), and so does a call of a function
// whose body lint does not have, which may wait. The threads are started through
// CS:APP-style wrappers defined in another file of the run, as in the
// book. `tangle check` sees the race and folds the static warning into
// it; with the value passed it is clean.
//
// RUN: %tangle-lint %s %S/Inputs/wrappers/wrappers.c -- -I%S/Inputs/wrappers > %t.txt; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt --implicit-check-not=warning:
// RUN: FileCheck %s --check-prefix=NOTE --input-file %t.txt
// RUN: %tangle-lint --lang=zh %s %S/Inputs/wrappers/wrappers.c -- -I%S/Inputs/wrappers > %t.zh.txt; test $? -eq 1
// RUN: FileCheck %s --check-prefix=ZH --input-file %t.zh.txt
// RUN: %tangle-lint %s %S/Inputs/wrappers/wrappers.c -- -I%S/Inputs/wrappers -DSLOT > %t.slot.txt; test $? -eq 0
// RUN: test ! -s %t.slot.txt
// RUN: %tangle-lint %s %S/Inputs/wrappers/wrappers.c -- -I%S/Inputs/wrappers -DVALUE > %t.value.txt; test $? -eq 0
// RUN: test ! -s %t.value.txt
// RUN: %tangle-lint %s %S/Inputs/wrappers/wrappers.c -- -I%S/Inputs/wrappers -DCOPY > %t.copy.txt; test $? -eq 0
// RUN: test ! -s %t.copy.txt
// RUN: %tangle-lint %s %S/Inputs/wrappers/wrappers.c -- -I%S/Inputs/wrappers -DJOIN_EACH > %t.join.txt; test $? -eq 0
// RUN: test ! -s %t.join.txt
// RUN: %tangle-lint %s %S/Inputs/wrappers/wrappers.c -- -I%S/Inputs/wrappers -DHANDSHAKE > %t.sem.txt; test $? -eq 0
// RUN: test ! -s %t.sem.txt
// RUN: %tangle-lint %s %S/Inputs/wrappers/wrappers.c -- -I%S/Inputs/wrappers -DHANDSHAKE -DWRAPPED_WAIT > %t.p.txt; test $? -eq 0
// RUN: test ! -s %t.p.txt
// RUN: %tangle-lint %s %S/Inputs/wrappers/wrappers.c -- -I%S/Inputs/wrappers -DSPIN > %t.spin.txt; test $? -eq 0
// RUN: test ! -s %t.spin.txt
// RUN: %tangle-lint --checks=tangle-thread-arg-changed %s %S/Inputs/wrappers/wrappers.c -- -I%S/Inputs/wrappers -DSPIN -DVOLATILE > %t.volatile.txt; test $? -eq 0
// RUN: test ! -s %t.volatile.txt
// RUN: %tangle-lint %s %S/Inputs/wrappers/wrappers.c -- -I%S/Inputs/wrappers -DUNREAD_WAIT > %t.unread.txt; test $? -eq 0
// RUN: test ! -s %t.unread.txt
// RUN: rm -rf %t.tmp && mkdir -p %t.tmp
// RUN: env TMPDIR=%t.tmp TANGLE_TEST_MARK=%t.m %tangle check %s %S/Inputs/wrappers/wrappers.c -- -I%S/Inputs/wrappers > %t.check.txt; test $? -eq 1
// RUN: FileCheck %s --check-prefix=DYN --input-file %t.check.txt
// RUN: env TMPDIR=%t.tmp TANGLE_TEST_MARK=%t.m %tangle check %s %S/Inputs/wrappers/wrappers.c -- -I%S/Inputs/wrappers -DVALUE > %t.check.value.txt; test $? -eq 0
// RUN: FileCheck %s --check-prefix=DYNVALUE --input-file %t.check.value.txt
// RUN: %python %S/../Inputs/leftovers.py %t.m %t.tmp
//
// DYN: error: data race on i: thread 1 (thread) reads it
// DYN: note: the static checks warn of this too: thread 'thread' is given the address of 'i'{{.*}}[tangle-thread-arg-changed]
// DYNVALUE: tangle: clean
//
// ZH: 警告: 线程 'thread' 得到的是 'i' 的地址
// ZH: 在循环的下一次迭代中于此处修改 'i'
#include "wrappers.h"

#include <semaphore.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define N 4

static sem_t started;
#ifdef VOLATILE
static volatile int seen;
#define SEEN() seen
#define ANNOUNCE() seen++
#else
static _Atomic int seen;
#define SEEN() atomic_load(&seen)
#define ANNOUNCE() atomic_fetch_add(&seen, 1)
#endif

#ifdef WRAPPED_WAIT
// CS:APP's P(): a wrapper that only waits.
static void P(sem_t *s) {
  if (sem_wait(s) < 0)
    exit(1);
}
#define WAIT(s) P(s)
#else
#define WAIT(s) sem_wait(s)
#endif

static void *thread(void *vargp);
// Defined in a file not given to lint: it may wait for the thread.
void wait_for_start(void);

int main(void) {
  pthread_t tid[N];
  int ids[N];
  int i;
  sem_init(&started, 0, 0);
  // NOTE: thread_arg_loop.c:[[@LINE+1]]:22: note: 'i' is changed here in main thread by the next iteration of the loop
  for (i = 0; i < N; i++) {
#if defined(SLOT)
    ids[i] = i;
    Pthread_create(&tid[i], NULL, thread, &ids[i]);
#elif defined(VALUE)
    Pthread_create(&tid[i], NULL, thread, (void *)(intptr_t)i);
#elif defined(COPY)
    int *copy = malloc(sizeof *copy);
    *copy = i;
    Pthread_create(&tid[i], NULL, thread, copy);
#else
    // CHECK: thread_arg_loop.c:[[@LINE+1]]:43: warning: thread 'thread' is given the address of 'i', which main thread changes before joining it while the thread reads it through its parameter: a data race, and the thread can see the changed value; pass the value instead, '(void *)(intptr_t)i', or give each thread its own copy (an element of an array with one per thread, or a malloc'd copy the thread frees) [tangle-thread-arg-changed]
    Pthread_create(&tid[i], NULL, thread, &i);
#endif
#ifdef JOIN_EACH
    Pthread_join(tid[i], NULL);
#endif
#ifdef HANDSHAKE
    WAIT(&started);
#endif
#ifdef SPIN
    while (SEEN() <= i)
      ;
#endif
#ifdef UNREAD_WAIT
    wait_for_start();
#endif
  }
#ifndef JOIN_EACH
  for (i = 0; i < N; i++)
    Pthread_join(tid[i], NULL);
#endif
  (void)ids;
  return 0;
}

static void *thread(void *vargp) {
#ifdef VALUE
  int myid = (int)(intptr_t)vargp;
#else
  // NOTE: thread_arg_loop.c:[[@LINE+1]]:14: note: read here in thread 'thread', through the pointer it was given
  int myid = *((int *)vargp);
#endif
#ifdef COPY
  free(vargp);
#endif
#ifdef HANDSHAKE
  sem_post(&started);
#endif
#ifdef SPIN
  ANNOUNCE();
#endif
  printf("Hello from thread %d\n", myid);
  return NULL;
}
