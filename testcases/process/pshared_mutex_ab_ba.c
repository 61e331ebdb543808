// Parent and child share two process-shared mutexes in a MAP_SHARED
// mapping and take them in opposite orders: the processes can deadlock on
// each other, a deadlock.cycle across processes.
// Fix: pshared_mutex_same_order.c (both take a before b).
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: %tangle check %s > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// RUN: %python %S/../Inputs/schedule.py %t.json deadlock.cycle > %t.schedule
// RUN: %tangle replay --schedule "$(cat %t.schedule)" %s --format json > %t.replay.json; test $? -eq 1
// RUN: FileCheck %s --check-prefix=REPLAY --input-file %t.replay.json
//
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"deadlock.cycle"
// CHECK-DAG: "complete":{{ ?}}true
// REPLAY: "id":{{ ?}}"deadlock.cycle"
// TEXT: error: {{.*}}[deadlock.cycle]
// TEXT: process 1 (forked by main thread)
#include <pthread.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

struct shared {
  pthread_mutex_t a, b;
};

static void init(pthread_mutex_t *m) {
  pthread_mutexattr_t attr;
  pthread_mutexattr_init(&attr);
  pthread_mutexattr_setpshared(&attr, PTHREAD_PROCESS_SHARED);
  pthread_mutex_init(m, &attr);
  pthread_mutexattr_destroy(&attr);
}

int main(void) {
  struct shared *s = mmap(NULL, sizeof *s, PROT_READ | PROT_WRITE,
                          MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  init(&s->a);
  init(&s->b);
  pid_t pid = fork();
  if (pid == 0) {
#ifdef SAME_ORDER
    pthread_mutex_lock(&s->a);
    pthread_mutex_lock(&s->b);
#else
    pthread_mutex_lock(&s->b);
    pthread_mutex_lock(&s->a);
#endif
    pthread_mutex_unlock(&s->a);
    pthread_mutex_unlock(&s->b);
    return 0;
  }
  pthread_mutex_lock(&s->a);
  pthread_mutex_lock(&s->b);
  pthread_mutex_unlock(&s->b);
  pthread_mutex_unlock(&s->a);
  waitpid(pid, NULL, 0);
  return 0;
}
