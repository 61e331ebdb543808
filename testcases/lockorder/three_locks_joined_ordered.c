// Twin of three_locks_joined.c: the third thread takes a before c, so the
// three threads agree on one order (a, b, c): no cycle, no warning.
//
// RUN: %tangle check %s > %t.txt; test $? -eq 0
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// RUN: %tangle check %s --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --check-prefix=JSON --input-file %t.json
// TEXT-NOT: lock.order-inversion
// TEXT: tangle: clean: no deadlock or lock misuse in {{.*}} (every interleaving explored, {{[^;]*}}){{$}}
// JSON-NOT: lock.order-inversion
// JSON-DAG: "verdict":{{ ?}}"clean"
#include <pthread.h>

pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t b = PTHREAD_MUTEX_INITIALIZER;
pthread_mutex_t c = PTHREAD_MUTEX_INITIALIZER;
int x, y, z;

void *first(void *arg) {
  pthread_mutex_lock(&a);
  pthread_mutex_lock(&b);
  x++;
  pthread_mutex_unlock(&b);
  pthread_mutex_unlock(&a);
  return NULL;
}

void *second(void *arg) {
  pthread_mutex_lock(&b);
  pthread_mutex_lock(&c);
  y++;
  pthread_mutex_unlock(&c);
  pthread_mutex_unlock(&b);
  return NULL;
}

void *third(void *arg) {
  pthread_mutex_lock(&a);
  pthread_mutex_lock(&c);
  z++;
  pthread_mutex_unlock(&c);
  pthread_mutex_unlock(&a);
  return NULL;
}

int main(void) {
  void *(*routines[3])(void *) = {first, second, third};
  for (int i = 0; i < 3; i++) {
    pthread_t t;
    pthread_create(&t, NULL, routines[i], NULL);
    pthread_join(t, NULL);
  }
  return 0;
}
