// Buggy twin of queue_join_task_done.c: the worker skips task_done() for
// the second job, so main's join() waits on all_tasks_done forever.
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: %tangle check %s > %t.txt; test $? -eq 1
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// RUN: %python %S/../Inputs/schedule.py %t.json deadlock.stall > %t.schedule
// RUN: %tangle replay --schedule "$(cat %t.schedule)" %s --format json > %t.replay.json; test $? -eq 1
// RUN: FileCheck %s --check-prefix=REPLAY --input-file %t.replay.json
//
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"deadlock.stall"
// REPLAY: "id":{{ ?}}"deadlock.stall"
#include <tangle/sync.h>

tangle_queue_t jobs;
int done_sum;

void *worker(void *arg) {
  for (int i = 0; i < 2; i++) {
    int job;
    tangle_queue_get(&jobs, &job);
    done_sum += job;
    if (job == 1)
      tangle_queue_task_done(&jobs); // forgotten for job 2
  }
  return NULL;
}

int main(void) {
  pthread_t w;
  tangle_queue_init(&jobs, sizeof(int), 0);
  pthread_create(&w, NULL, worker, NULL);
  for (int job = 1; job <= 2; job++)
    tangle_queue_put(&jobs, &job);
  // TEXT: waits on condition jobs.all_tasks_done in main at line [[@LINE+1]]; nobody is left to signal it
  tangle_queue_join(&jobs);
  pthread_join(w, NULL);
  tangle_queue_destroy(&jobs);
  return 0;
}

// The hint names what tangle/sync.h's wait needs.
// TEXT: fix: join() waits until task_done() was called once for every item put
