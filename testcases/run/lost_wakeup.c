// tangle run: a lost wake-up. The worker waits on a condition nobody ever
// signals; main joins it. Once nothing has moved for --hang-after seconds
// and every thread is blocked, the watchdog reports deadlock.stall with what
// each thread waits for and where. The twin signals under the predicate
// loop: the run ends normally.
//
// RUN: %tangle run %s --hang-after 0.5 > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --input-file %t.txt
// RUN: %tangle run %s --hang-after 0.5 --format json -- -DSIGNALLED > %t.json
// RUN: FileCheck %s --check-prefix=SIGNALLED --input-file %t.json
//
// CHECK: lost_wakeup.c:45:3: error: deadlock: every live thread is blocked: main thread waits to join thread 1 (worker) and thread 1 waits to wait ready [deadlock.stall]
// CHECK: lost_wakeup.c:31:5: note: thread 1 (worker) waits here to wait ready
// CHECK: tangle: bugs: 1 finding in one recorded run
//
// SIGNALLED-DAG: "verdict":{{ ?}}"no-hang"
// SIGNALLED-DAG: "findings":{{ ?}}[]
#include <pthread.h>

pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
pthread_cond_t ready = PTHREAD_COND_INITIALIZER;
int done;

void *worker(void *arg) {
  pthread_mutex_lock(&m);
#ifdef SIGNALLED
  while (!done)
#else
  if (!done) // waits whether or not main already set it; main never signals
#endif
    pthread_cond_wait(&ready, &m);
  pthread_mutex_unlock(&m);
  return 0;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, 0, worker, 0);
#ifdef SIGNALLED
  pthread_mutex_lock(&m);
  done = 1;
  pthread_cond_signal(&ready);
  pthread_mutex_unlock(&m);
#endif
  pthread_join(t, 0);
  return 0;
}
