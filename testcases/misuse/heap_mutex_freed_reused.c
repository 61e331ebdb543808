// A pool that is created, used and freed twice, as mbrossard/threadpool's
// shutdown test does: the shutdown locks the pool's mutex, destroys it
// while holding it (a real lock.destroy-locked: glibc answers EBUSY) and
// frees the pool. The next round's malloc returns the same block, and its
// pthread_mutex_init starts a new mutex there. Freeing the memory ended the
// old mutex, so that init is no lock.reinit, and main holds nothing at exit
// (no lock.held-at-exit). Twin: heap_mutex_reinit_held.c.
//
// RUN: %tangle check %s --no-lint --format json > %t.json; test $? -eq 1
// RUN: FileCheck %s --input-file %t.json --implicit-check-not=lock.reinit --implicit-check-not=lock.held-at-exit --implicit-check-not=program.assert
// RUN: %tangle check %s --no-lint > %t.txt 2>&1; test $? -eq 1
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// CHECK-DAG: "verdict":{{ ?}}"bugs"
// CHECK-DAG: "id":{{ ?}}"lock.destroy-locked"
// CHECK-DAG: "complete":{{ ?}}true
#include <assert.h>
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
  void *first = NULL;
  for (int round = 0; round < 2; ++round) {
    struct pool *p = malloc(sizeof *p);
    // The test is about the same address: glibc's allocator gives it back.
    assert(round == 0 || p == first);
    first = p;
    pthread_mutex_init(&p->lock, NULL);
    p->jobs = 0;
    pthread_t t;
    pthread_create(&t, NULL, worker, p);
    pthread_join(t, NULL);
    pthread_mutex_lock(&p->lock);
    // TEXT: heap_mutex_freed_reused.c:[[@LINE+1]]:{{[0-9]+}}: error: {{.*}}[lock.destroy-locked]
    pthread_mutex_destroy(&p->lock);
    free(p);
  }
  return 0;
}
// The interleaving shows the free ending the mutex; nothing else is found.
// TEXT: main thread frees p->lock {{.*}}heap_mutex_freed_reused.c:
// TEXT: tangle: bugs: 1 finding in
