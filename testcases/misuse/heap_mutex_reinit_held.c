// Twin of heap_mutex_freed_reused.c: the pool is not freed, and the next
// round initialises the mutex of the same pool again while main still
// holds it. That object is alive: lock.reinit.
//
// RUN: %tangle check %s --no-lint --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json
// RUN: %tangle check %s --no-lint > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"lock.reinit"
#include <pthread.h>
#include <stdlib.h>

struct pool {
  int jobs;
  pthread_mutex_t lock;
};

static void *worker(void *arg) {
  struct pool *p = arg;
  pthread_mutex_lock(&p->lock);
  p->jobs++;
  pthread_mutex_unlock(&p->lock);
  return NULL;
}

int main(void) {
  struct pool *p = malloc(sizeof *p);
  for (int round = 0; round < 2; ++round) {
    // TEXT: heap_mutex_reinit_held.c:[[@LINE+1]]:{{[0-9]+}}: error: main thread initialises the mutex {{.*}} again while it is in use: main thread holds it{{.*}}[lock.reinit]
    pthread_mutex_init(&p->lock, NULL);
    p->jobs = 0;
    pthread_t t;
    pthread_create(&t, NULL, worker, p);
    pthread_join(t, NULL);
    pthread_mutex_lock(&p->lock);
  }
  pthread_mutex_unlock(&p->lock);
  free(p);
  return 0;
}
