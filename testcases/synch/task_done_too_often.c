// The worker calls task_done() twice for one item: more calls than puts,
// which tangle/sync.h reports as misuse (Python raises ValueError). Fixed
// form: queue_join_task_done.c.
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: %tangle check %s > %t.txt; test $? -eq 1
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// RUN: %python %S/../Inputs/schedule.py %t.json sync.queue-task-done-too-often > %t.schedule
// RUN: %tangle replay --schedule "$(cat %t.schedule)" %s --format json > %t.replay.json; test $? -eq 1
// RUN: FileCheck %s --check-prefix=REPLAY --input-file %t.replay.json
//
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"sync.queue-task-done-too-often"
// REPLAY: "id":{{ ?}}"sync.queue-task-done-too-often"
#include <tangle/sync.h>

tangle_queue_t jobs;
int done_sum;

void *worker(void *arg) {
  int job;
  tangle_queue_get(&jobs, &job);
  done_sum += job;
  tangle_queue_task_done(&jobs);
  // TEXT: task_done_too_often.c:[[@LINE+1]]:{{[0-9]+}}: error: {{.*}}[sync.queue-task-done-too-often]
  tangle_queue_task_done(&jobs); // once too often
  return NULL;
}

int main(void) {
  pthread_t w;
  tangle_queue_init(&jobs, sizeof(int), 0);
  int job = 1;
  tangle_queue_put(&jobs, &job);
  pthread_create(&w, NULL, worker, NULL);
  pthread_join(w, NULL);
  tangle_queue_destroy(&jobs);
  return 0;
}
