// queue.join(): main puts two jobs and waits until the worker has called
// task_done() for each. Clean; the twin that forgets a task_done() is
// queue_join_missing_task_done.c.
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
#include <assert.h>
#include <tangle/sync.h>

tangle_queue_t jobs;
int done_sum;

void *worker(void *arg) {
  for (int i = 0; i < 2; i++) {
    int job;
    tangle_queue_get(&jobs, &job);
    done_sum += job;
    tangle_queue_task_done(&jobs);
  }
  return NULL;
}

int main(void) {
  pthread_t w;
  tangle_queue_init(&jobs, sizeof(int), 0);
  pthread_create(&w, NULL, worker, NULL);
  for (int job = 1; job <= 2; job++)
    tangle_queue_put(&jobs, &job);
  tangle_queue_join(&jobs);
  assert(done_sum == 3); // join returned: every job is done
  pthread_join(w, NULL);
  tangle_queue_destroy(&jobs);
  return 0;
}
