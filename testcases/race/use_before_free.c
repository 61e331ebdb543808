// The twin of use_after_free.c: main reads the result and then frees the
// node itself; the worker only fills it in. The semaphore orders the
// worker's write before main's read and free. Clean.
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
// RUN: %tangle check %s > %t.txt; test $? -eq 0
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// TEXT: tangle: clean: {{.*}}every interleaving explored
#include <pthread.h>
#include <semaphore.h>
#include <stdlib.h>

struct node {
  int result;
};

sem_t done;

void *worker(void *arg) {
  struct node *node = arg;
  node->result = 42;
  sem_post(&done);
  return NULL;
}

int main(void) {
  sem_init(&done, 0, 0);
  struct node *node = malloc(sizeof *node);
  pthread_t t;
  pthread_create(&t, NULL, worker, node);
  sem_wait(&done);
  int result = node->result;
  free(node);
  pthread_join(t, NULL);
  return result == 42 ? 0 : 1;
}
