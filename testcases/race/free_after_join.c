// The twin of free_while_reading.c: main joins the worker before it frees
// the job, so every use of the block happens before the free. Clean.
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
// RUN: %tangle check %s > %t.txt; test $? -eq 0
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// TEXT: tangle: clean: {{.*}}every interleaving explored
#include <pthread.h>
#include <stdlib.h>

struct job {
  int size;
  int done;
};

void *worker(void *arg) {
  struct job *job = arg;
  int size = job->size;
  return (void *)(long)size;
}

int main(void) {
  struct job *job = malloc(sizeof *job);
  job->size = 4;
  job->done = 0;
  pthread_t t;
  pthread_create(&t, NULL, worker, job);
  pthread_join(t, NULL);
  free(job);
  return 0;
}
