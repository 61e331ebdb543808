// A three-lock cycle across three threads that main runs one after the
// other (create, join, create...): a -> b, b -> c, c -> a. No deadlock here,
// but one if the three ever ran at once: one warning naming the three
// locks. Twin: three_locks_joined_ordered.c.
//
// RUN: %tangle check %s > %t.txt; test $? -eq 0
// RUN: FileCheck %s --check-prefix=TEXT --input-file %t.txt
// RUN: %tangle check %s --format json > %t.json; test $? -eq 0
// RUN: FileCheck %s --check-prefix=JSON --input-file %t.json
// TEXT: warning: lock-order inversion: thread 1 (first) takes a then b in first, thread 1 (second) takes b then c in second and thread 1 (third) takes c then a in third; it cannot deadlock here, since create and join keep {{.*}} from running at once, but it would if first, second and third ever ran in 3 threads at once [lock.order-inversion] (dynamic, not counted)
// TEXT-NOT: [lock.order-inversion]
// TEXT: tangle: clean: {{.*}}; 1 lock-order warning, not counted
// JSON: "cycle":{{ ?}}[
// JSON-NEXT: "a",
// JSON-NEXT: "b",
// JSON-NEXT: "c"
// JSON-DAG: "reason":{{ ?}}"ordered-by-join"
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
  pthread_mutex_lock(&c);
  pthread_mutex_lock(&a);
  z++;
  pthread_mutex_unlock(&a);
  pthread_mutex_unlock(&c);
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
