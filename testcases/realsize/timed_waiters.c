// 32 threads that wait on a condition with a deadline, over and over (a
// pool's workers polling for work with pthread_cond_timedwait; libbbuf's
// test has 20 such threads). Nobody signals: every wait times out. One
// execution is far longer than the step limit, so the check is incomplete
// at --max-steps, as it should be. Before, the model copied the
// condition's waiter list at every question it asked of a waiting thread
// (enabled() asks of every thread at every step) into the execution's
// arena, which frees nothing: the arena's 256 MiB ran out after about
// 4,700 steps and the limit reported was the model's memory
// (model/machine.cpp, onState).
//
// RUN: %tangle check %s --no-lint --strategy dpor --max-executions 1 --max-steps 20000 --format json > %t.json; test $? -eq 3
// RUN: FileCheck %s --input-file %t.json
// CHECK-NOT: outgrew
// CHECK-DAG: "verdict":{{ ?}}"incomplete"
// CHECK-DAG: "limit":{{ ?}}"an execution made more than 20000 steps (--max-steps)
// CHECK-DAG: "findings":{{ ?}}[]
#include <pthread.h>
#include <time.h>

#define THREADS 32
#define ROUNDS 1000

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t work_ready = PTHREAD_COND_INITIALIZER;
static int has_work;

static void *worker(void *arg) {
  for (int i = 0; i < ROUNDS; ++i) {
    struct timespec deadline;
    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_nsec += 1000;
    if (deadline.tv_nsec >= 1000000000) {
      deadline.tv_sec += 1;
      deadline.tv_nsec -= 1000000000;
    }
    pthread_mutex_lock(&lock);
    while (!has_work)
      if (pthread_cond_timedwait(&work_ready, &lock, &deadline) != 0)
        break;
    pthread_mutex_unlock(&lock);
  }
  return arg;
}

int main(void) {
  pthread_t threads[THREADS];
  for (int i = 0; i < THREADS; ++i)
    pthread_create(&threads[i], 0, worker, 0);
  for (int i = 0; i < THREADS; ++i)
    pthread_join(threads[i], 0);
  return 0;
}
