// The worker frees the node when it is done and then tells main, which reads
// the node's result: the free happens before the read (the semaphore orders
// them), so the read is a use after free in every interleaving that gets
// there. memory.use-after-free. Fix: read the result before the free, or
// free the node in main after reading it (use_before_free.c).
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: %tangle check %s > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"memory.use-after-free"
// CHECK-NOT: "race.data"
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
  // TEXT-DAG: {{.*}}use_after_free.c:[[@LINE+1]]:{{[0-9]+}}
  free(node); // done with it... but main is not
  sem_post(&done);
  return NULL;
}

int main(void) {
  sem_init(&done, 0, 0);
  struct node *node = malloc(sizeof *node);
  pthread_t t;
  pthread_create(&t, NULL, worker, node);
  sem_wait(&done);
  // TEXT-DAG: {{.*}}use_after_free.c:[[@LINE+1]]:{{[0-9]+}}: error: use after free of {{.*}}[memory.use-after-free]
  int result = node->result;
  pthread_join(t, NULL);
  return result == 42 ? 0 : 1;
}
