// Clean twin of join_cycle.c: the joins form a chain, not a cycle. The
// second worker waits for the first, main waits for the second.
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
#include <pthread.h>

pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
int steps;

void *first(void *arg) {
  pthread_mutex_lock(&m);
  steps++;
  pthread_mutex_unlock(&m);
  return NULL;
}

void *second(void *arg) {
  pthread_t *t = arg;
  pthread_join(*t, NULL); // waits for the first worker
  pthread_mutex_lock(&m);
  steps++;
  pthread_mutex_unlock(&m);
  return NULL;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, first, NULL);
  pthread_create(&b, NULL, second, &a);
  pthread_join(b, NULL); // the first worker is joined by the second
  return 0;
}
