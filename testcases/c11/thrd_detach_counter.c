// Two detached C11 threads update a counter under a mutex while main waits
// on a condition until both are done: clean. thrd_detach is modelled like
// pthread_detach: a detached thread cut off at exit would be reported.
//
// RUN: %tangle check %s --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
#include <threads.h>

mtx_t m;
cnd_t done_cv;
int done, counter;

int worker(void *arg) {
  mtx_lock(&m);
  counter++;
  done++;
  cnd_broadcast(&done_cv);
  mtx_unlock(&m);
  return 0;
}

int main(void) {
  mtx_init(&m, mtx_plain);
  cnd_init(&done_cv);
  for (int i = 0; i < 2; ++i) {
    thrd_t t;
    thrd_create(&t, worker, NULL);
    thrd_detach(t);
  }
  mtx_lock(&m);
  while (done < 2)
    cnd_wait(&done_cv, &m);
  mtx_unlock(&m);
  return counter == 2 ? 0 : 1;
}
