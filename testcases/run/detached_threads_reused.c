// Detached threads give their thread slots back too (docs/runtime.md,
// "Thread slots"): 9,000 short tasks, more than the record region's 8,192
// slots, each detached in one of the three ways a program does it (created
// detached, detached by main after pthread_create returned, or by itself
// first thing, which may come before pthread_create returned in main: the
// thread notes its own handle), main waiting for each on a semaphore. A
// detached thread's slot goes to the next thread once it ended (one that
// main detaches after it ended keeps its slot: it may still be running its
// destructors; there are fewer than 8,192 of those here): every thread is
// recorded, nothing dropped. (The count of events is not pinned:
// main may return while the last task is still inside sem_post, before
// its event is written.)
//
// RUN: %clang -g -O0 -fno-omit-frame-pointer -pthread %s -o %t.bin
// RUN: %tangle run --no-predict -- %t.bin > %t.txt 2>&1
// RUN: FileCheck %s --input-file %t.txt
//
// CHECK-NOT: dropped
// CHECK: tangle: no hang in this run: the program exited with status 0 ({{[0-9]+}} events of 9001 threads recorded,
#include <pthread.h>
#include <semaphore.h>

enum { Tasks = 9000 };

sem_t finished;

void *task(void *arg) {
  if (arg)
    pthread_detach(pthread_self());
  sem_post(&finished);
  return 0;
}

int main(void) {
  pthread_attr_t detached;
  pthread_attr_init(&detached);
  pthread_attr_setdetachstate(&detached, PTHREAD_CREATE_DETACHED);
  sem_init(&finished, 0, 0);
  for (int i = 0; i < Tasks; ++i) {
    pthread_t t;
    if (i % 3 == 0) {
      pthread_create(&t, &detached, task, 0);
    } else if (i % 3 == 1) {
      pthread_create(&t, 0, task, 0);
      pthread_detach(t);
    } else {
      pthread_create(&t, 0, task, &t);
    }
    sem_wait(&finished);
  }
  return 0;
}
