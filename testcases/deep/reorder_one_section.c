// reorder.c with each setter writing the pair in one critical section: the
// checker sees (0, 0) or (1, -1) in every interleaving. Clean, and complete.
//
// RUN: %tangle check %s --no-lint --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --input-file %t.json
// CHECK-DAG: "verdict":{{ ?}}"clean"
// CHECK-DAG: "complete":{{ ?}}true
#include <assert.h>
#include <pthread.h>

#define THREADS 4

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int a, b;

static void *setter(void *arg) {
  pthread_mutex_lock(&lock);
  a = 1;
  b = -1;
  pthread_mutex_unlock(&lock);
  return arg;
}

static void *checker(void *arg) {
  pthread_mutex_lock(&lock);
  int seen_a = a, seen_b = b;
  pthread_mutex_unlock(&lock);
  assert((seen_a == 0 && seen_b == 0) || (seen_a == 1 && seen_b == -1));
  return arg;
}

int main(void) {
  pthread_t t[THREADS];
  for (int i = 0; i < THREADS - 1; i++)
    pthread_create(&t[i], NULL, setter, NULL);
  pthread_create(&t[THREADS - 1], NULL, checker, NULL);
  for (int i = 0; i < THREADS; i++)
    pthread_join(t[i], NULL);
  return 0;
}
