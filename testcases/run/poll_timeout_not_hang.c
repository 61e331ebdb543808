// tangle run: a thread asleep in a call with a timeout that tangle does not
// intercept -- poll, ppoll, select, epoll_wait, sigtimedwait -- waits for
// the world outside, even when it wakes every millisecond to look again.
// Two workers block until main lets them go; main polls for 1.5 s (a
// 1 ms timeout, 1,500 times: an idle event loop), then lets them go.
// Nothing is recorded meanwhile, but main is asleep, not looping: no
// finding. (Before, each look compared main's CPU time with the last one,
// and the first clock tick main's wake-ups added made it a thread "running
// without any recorded operation": a false program.hang.)
//
// RUN: %clang -g -O0 -fno-omit-frame-pointer -pthread %s -o %t.poll
// RUN: %tangle run --hang-after 0.1 --no-predict -- %t.poll > %t.poll.txt 2>&1
// RUN: FileCheck %s --input-file %t.poll.txt
// RUN: %clang -g -O0 -fno-omit-frame-pointer -pthread -DCALL=1 %s -o %t.ppoll
// RUN: %tangle run --hang-after 0.1 --no-predict -- %t.ppoll > %t.ppoll.txt 2>&1
// RUN: FileCheck %s --input-file %t.ppoll.txt
// RUN: %clang -g -O0 -fno-omit-frame-pointer -pthread -DCALL=2 %s -o %t.select
// RUN: %tangle run --hang-after 0.1 --no-predict -- %t.select > %t.select.txt 2>&1
// RUN: FileCheck %s --input-file %t.select.txt
// RUN: %clang -g -O0 -fno-omit-frame-pointer -pthread -DCALL=3 %s -o %t.epoll
// RUN: %tangle run --hang-after 0.1 --no-predict -- %t.epoll > %t.epoll.txt 2>&1
// RUN: FileCheck %s --input-file %t.epoll.txt
// RUN: %clang -g -O0 -fno-omit-frame-pointer -pthread -DCALL=4 %s -o %t.sigwait
// RUN: %tangle run --hang-after 0.1 --no-predict -- %t.sigwait > %t.sigwait.txt 2>&1
// RUN: FileCheck %s --input-file %t.sigwait.txt
// CHECK-NOT: program.hang
// CHECK: tangle: no hang in this run: the program exited with status 0
#ifndef _GNU_SOURCE // ppoll
#define _GNU_SOURCE
#endif
#include <poll.h>
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <time.h>

#ifndef CALL
#define CALL 0 // 0 poll, 1 ppoll, 2 select, 3 epoll_wait, 4 sigtimedwait
#endif

sem_t go;

void *worker(void *arg) {
  sem_wait(&go);
  return 0;
}

/// Sleeps 1 ms in the call under test: nothing comes.
void lookOnce(int epoll, const sigset_t *signals) {
  struct timespec ms = {0, 1000000};
  struct timeval tv = {0, 1000};
  struct epoll_event event;
  switch (CALL) {
  case 0:
    poll(0, 0, 1);
    break;
  case 1:
    ppoll(0, 0, &ms, 0);
    break;
  case 2:
    select(0, 0, 0, 0, &tv);
    break;
  case 3:
    epoll_wait(epoll, &event, 1, 1);
    break;
  default:
    sigtimedwait(signals, 0, &ms);
  }
}

int main(void) {
  sem_init(&go, 0, 0);
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGUSR1);
  pthread_sigmask(SIG_BLOCK, &signals, 0);
  int epoll = epoll_create1(0);
  pthread_t workers[2];
  pthread_create(&workers[0], 0, worker, 0);
  pthread_create(&workers[1], 0, worker, 0);
  struct timespec start, now;
  clock_gettime(CLOCK_MONOTONIC, &start);
  do { // an idle event loop: 1.5 s of 1 ms looks
    lookOnce(epoll, &signals);
    clock_gettime(CLOCK_MONOTONIC, &now);
  } while ((now.tv_sec - start.tv_sec) * 1000 +
               (now.tv_nsec - start.tv_nsec) / 1000000 <
           1500);
  sem_post(&go);
  sem_post(&go);
  pthread_join(workers[0], 0);
  pthread_join(workers[1], 0);
  return 0;
}
