// A worker waits for a "start" semaphore that main forgets to post.
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"deadlock.stall"
// RUN: %tangle check %s > %t.txt; test $? -eq 1
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
#include <pthread.h>
#include <semaphore.h>

sem_t start;

void *worker(void *arg) {
  // TEXT: waits on semaphore start in worker at line [[@LINE+1]]; its value is 0 and nobody is left to post it
  sem_wait(&start);
  return NULL;
}

int main(void) {
  pthread_t t;
  sem_init(&start, 0, 0);
  pthread_create(&t, NULL, worker, NULL);
  pthread_join(t, NULL); // forgot sem_post(&start) before joining
  return 0;
}
