// Main frees the job while the worker may still be reading it: free is a
// write to the whole block, and nothing orders it with the worker's read.
// Under one interleaving the worker reads freed memory. race.data, naming
// the block, the free and the read. Fix: join the worker before the free
// (free_after_join.c).
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: %tangle check %s > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"race.data"
// CHECK-DAG: "summary":{{ ?}}"data race on job->size: {{.*}}frees the memory holding it{{.*}}uses freed memory"
// TEXT-DAG: error: {{.*}}[race.data]
// TEXT-DAG: note: fix: A block is freed while another thread may still use it.
#include <pthread.h>
#include <stdlib.h>

struct job {
  int size;
  int done;
};

void *worker(void *arg) {
  struct job *job = arg;
  // TEXT-DAG: {{.*}}free_while_reading.c:[[@LINE+1]]:{{[0-9]+}}
  int size = job->size;
  return (void *)(long)size;
}

int main(void) {
  struct job *job = malloc(sizeof *job);
  job->size = 4;
  job->done = 0;
  pthread_t t;
  pthread_create(&t, NULL, worker, job);
  // TEXT-DAG: {{.*}}free_while_reading.c:[[@LINE+1]]:{{[0-9]+}}
  free(job); // the worker may not have read it yet
  pthread_join(t, NULL);
  return 0;
}
