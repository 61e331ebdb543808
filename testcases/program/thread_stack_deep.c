// Clean twin of thread_stack_overflow.c: threads use most of their default
// stack (6 MiB of the usual 8 MiB) without overflowing it, and more of them
// are alive at once than tangle's pool of stacks holds (64;
// runtime/stack_pool.h): the rest get theirs from glibc as usual. Each
// thread's stack is its own: what a thread wrote at its deepest point is
// still there after the others have written theirs.
//
// RUN: %tangle check %s --no-lint --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json
//
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
#include <assert.h>
#include <pthread.h>
#include <stdint.h>
#include <string.h>

#define THREADS 70
#define DEEP (6 << 20)

pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;

static intptr_t deep(int id) {
  char block[DEEP];
  memset(block, id, sizeof(block));
  pthread_mutex_lock(&m); // a scheduling point: the others run meanwhile
  pthread_mutex_unlock(&m);
  for (size_t i = 0; i < sizeof(block); i += 4096)
    assert(block[i] == (char)id);
  return id;
}

void *worker(void *arg) {
  int id = (int)(intptr_t)arg;
  // Two go deep: 70 x 6 MiB would be 420 MiB per execution.
  return (void *)(id < 2 ? deep(id) : id);
}

int main(void) {
  pthread_t threads[THREADS];
  for (intptr_t i = 0; i < THREADS; ++i)
    pthread_create(&threads[i], NULL, worker, (void *)i);
  for (int i = 0; i < THREADS; ++i) {
    void *result;
    pthread_join(threads[i], &result);
    assert((intptr_t)result == i);
  }
  return 0;
}
